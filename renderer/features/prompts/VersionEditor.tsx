import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import type { Input, Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useDraft } from '../shell/use-draft.js';
import { BumpSuggestionView } from './BumpSuggestionView.js';
import { ContentFields } from './ContentFields.js';
import { asClientError, contentFromForm, formFromVersion, type ContentForm } from './prompt-form.js';
import { usePrompts, type PromptDetail } from './prompts.store.js';
import { useBumpSuggestion } from './use-bump-suggestion.js';

type BumpChoice = 'auto' | 'major' | 'minor' | 'patch' | 'explicit';

interface EditorDraft {
  form: ContentForm;
  message: string;
  bump: BumpChoice;
  explicit: string;
}

interface VersionEditorProps {
  detail: PromptDetail;
  onCompare: (base: string, head: string) => void;
}

/** Edits the latest version into a new immutable one; the core's suggested bump follows the edits as they are typed. */
export function VersionEditor({ detail, onCompare }: VersionEditorProps) {
  const latest = detail.version;
  const name = detail.prompt.name;
  const addVersion = usePrompts((state) => state.addVersion);
  // A reload brings the same version as a new object; only another version (by id) restarts the editor.
  const latestRef = useRef(latest);
  latestRef.current = latest;
  const initial = useMemo(() => formFromVersion(latestRef.current), [latest.id]);
  // The edits are a draft of this prompt's latest version: they outlive leaving the screen, and a new latest version
  // (saved here, or from the CLI) is another key, so the editor starts again from it.
  const fresh = useMemo<EditorDraft>(() => ({ form: initial, message: '', bump: 'auto', explicit: '' }), [initial]);
  const [draft, setDraft, clearDraft] = useDraft<EditorDraft>(`prompts.version.${name}.${latest.id}`, fresh);
  const { form, message, bump, explicit } = draft;
  const setField = <K extends keyof EditorDraft>(key: K, value: EditorDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const [saved, setSaved] = useState<Output<'prompts.version'> | null>(null);

  // An edit answers the last refusal (a bad JSON box, an unknown guard key): its message would only mislead now.
  const edit = (patch: Partial<ContentForm>) => {
    setDraft((d) => ({ ...d, form: { ...d.form, ...patch } }));
    setError(null);
  };

  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(initial), [form, initial]);
  const suggestion = useBumpSuggestion(name, form, dirty);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    let input: Input<'prompts.version'>;
    try {
      input = { prompt: name, message, ...contentFromForm(form), bump: bump === 'explicit' ? 'auto' : bump };
      if (bump === 'explicit') input.version = explicit.trim();
    } catch (problem) {
      return setError(asClientError(problem));
    }
    setBusy(true);
    void addVersion(input).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) return setError(outcome.error);
      clearDraft();
      setSaved(outcome.value);
    });
  };

  return (
    <form className="version-editor" onSubmit={submit} aria-label={`New version of ${name}`} data-testid="prompts-editor">
      <div className="panel version-editor-main">
        <div className="panel-header">
          <span className="panel-label">Editing from {latest.version}</span>
          <button type="button" className="button button-small" disabled={!dirty || busy} onClick={() => setField('form', initial)} data-testid="prompts-editor-revert">
            Revert
          </button>
        </div>
        <ContentFields form={form} onChange={edit} disabled={busy} variablesHint="No variables: the templates take no values." />
      </div>
      <aside className="panel version-editor-side">
        <span className="panel-label">Suggested bump</span>
        {!dirty ? (
          <p className="hint" data-testid="prompts-suggestion" data-bump="none">
            Edit the templates, variables, parameters, schema or guardrails; the bump the change calls for shows here.
          </p>
        ) : suggestion.error ? (
          <ErrorMessage error={suggestion.error} testId="prompts-suggestion-error" />
        ) : suggestion.preview ? (
          <div className={suggestion.pending ? 'suggestion-stale' : undefined}>
            <BumpSuggestionView suggestion={suggestion.preview.suggestion} next={suggestion.preview.next} testId="prompts-suggestion" />
          </div>
        ) : (
          <p className="hint">Checking…</p>
        )}
        <label className="param">
          <span className="param-label">What changed</span>
          <input className="input" value={message} placeholder="e.g. ask for the audience" onChange={(e) => setField('message', e.target.value)} data-testid="prompts-editor-message" />
        </label>
        <label className="param">
          <span className="param-label">Version</span>
          <select className="select" value={bump} onChange={(e) => setField('bump', e.target.value as BumpChoice)} data-testid="prompts-editor-bump">
            <option value="auto">suggested{suggestion.preview?.suggestion.bump ? ` (${suggestion.preview.next})` : ''}</option>
            <option value="major">major</option>
            <option value="minor">minor</option>
            <option value="patch">patch</option>
            <option value="explicit">explicit…</option>
          </select>
        </label>
        {bump === 'explicit' && (
          <label className="param">
            <span className="param-label">Explicit version</span>
            <input className="input input-mono" value={explicit} placeholder="e.g. 3.0.0" onChange={(e) => setField('explicit', e.target.value)} data-testid="prompts-editor-version" />
          </label>
        )}
        {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="prompts-editor-error" />}
        <button type="submit" className="button button-primary" disabled={busy || !dirty} data-testid="prompts-editor-save">
          {busy ? 'Saving…' : 'Save new version'}
        </button>
        {saved && (
          <div className="hint" role="status" data-testid="prompts-editor-saved" data-version={saved.version.version}>
            Saved {name}@{saved.version.version} (was {saved.previous}).{' '}
            <button type="button" className="link-button" onClick={() => onCompare(saved.previous, saved.version.version)} data-testid="prompts-editor-compare">
              Compare
            </button>
          </div>
        )}
      </aside>
    </form>
  );
}
