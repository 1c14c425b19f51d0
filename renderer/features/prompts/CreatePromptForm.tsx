import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import type { Input } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useDraft } from '../shell/use-draft.js';
import { ContentFields } from './ContentFields.js';
import { asClientError, contentFromForm, emptyContentForm, type ContentForm } from './prompt-form.js';
import { usePrompts } from './prompts.store.js';

interface CreateDraft {
  name: string;
  description: string;
  version: string;
  message: string;
  form: ContentForm;
}
const emptyDraft: CreateDraft = { name: '', description: '', version: '1.0.0', message: 'Initial version', form: emptyContentForm };

/** A new prompt and its first version. Variables left undeclared are inferred: each placeholder, a required string. */
export function CreatePromptForm({ onDone }: { onDone: () => void }) {
  const create = usePrompts((state) => state.create);
  // The draft outlives leaving the screen; a created prompt clears it.
  const [draft, setDraft, clearDraft] = useDraft<CreateDraft>('prompts.create', emptyDraft);
  const { name, description, version, message, form } = draft;
  const setField = <K extends keyof CreateDraft>(key: K, value: CreateDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let input: Input<'prompts.create'>;
    try {
      // Empty fields still go to the core, whose INVALID_INPUT message says what is missing.
      input = { name: name.trim(), description: description.trim(), version: version.trim(), message: message.trim(), ...contentFromForm(form, { inferVariables: true }) };
    } catch (problem) {
      return setError(asClientError(problem));
    }
    setBusy(true);
    void create(input).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) return setError(outcome.error);
      clearDraft();
      onDone();
    });
  };

  return (
    <form className="panel create-prompt" onSubmit={submit} aria-label="New prompt" data-testid="prompts-create-form">
      <div className="panel-header">
        <span className="panel-label">New prompt</span>
      </div>
      <div className="create-prompt-meta">
        <label className="param">
          <span className="param-label">Name</span>
          <input className="input" autoFocus spellCheck={false} placeholder="e.g. ticket-summary" value={name} onChange={(e) => setField('name', e.target.value)} data-testid="prompts-create-name" />
        </label>
        <label className="param create-prompt-description">
          <span className="param-label">Description</span>
          <input className="input" placeholder="What it is for" value={description} onChange={(e) => setField('description', e.target.value)} data-testid="prompts-create-description" />
        </label>
        <label className="param">
          <span className="param-label">First version</span>
          <input className="input input-mono" value={version} onChange={(e) => setField('version', e.target.value)} data-testid="prompts-create-version" />
        </label>
        <label className="param">
          <span className="param-label">Message</span>
          <input className="input" value={message} onChange={(e) => setField('message', e.target.value)} data-testid="prompts-create-message" />
        </label>
      </div>
      <ContentFields
        form={form}
        onChange={(patch) => {
          setDraft((d) => ({ ...d, form: { ...d.form, ...patch } }));
          setError(null);
        }}
        disabled={busy}
        inferVariables
        variablesHint="None declared: every {{placeholder}} becomes a required string variable. Declare them to set types, defaults or descriptions."
      />
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="prompts-create-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="prompts-create-submit">
          {busy ? 'Creating…' : 'Create prompt'}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
