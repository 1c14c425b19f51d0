import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { asClientError, contentFromForm, type ContentForm } from './prompt-form.js';

export type BumpPreview = Output<'prompts.suggestBump'>;

/** Quiet time after the last keystroke before the core is asked (each ask parses both templates). */
export const SUGGEST_DEBOUNCE_MS = 350;

/**
 * The bump the core suggests for the draft, asked again (debounced) as the draft changes. An invalid draft (an
 * undeclared {{placeholder}}, a bad schema) comes back as the error instead, so the author sees it while typing.
 */
export function useBumpSuggestion(prompt: string, form: ContentForm, enabled: boolean): { preview: BumpPreview | null; error: ClientError | null; pending: boolean } {
  const [preview, setPreview] = useState<BumpPreview | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!enabled) {
      setPreview(null);
      setError(null);
      setPending(false);
      return;
    }
    let live = true;
    setPending(true);
    const timer = setTimeout(() => {
      let content;
      try {
        content = contentFromForm(form);
      } catch (problem) {
        setPending(false);
        setPreview(null);
        setError(asClientError(problem));
        return;
      }
      call('prompts.suggestBump', { prompt, ...content }).then(
        (value) => live && (setPreview(value), setError(null), setPending(false)),
        (failure: unknown) => live && (setPreview(null), setError(toClientError(failure)), setPending(false)),
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [prompt, form, enabled]);

  return { preview, error, pending };
}
