import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import type { Input } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { ContentFields } from './ContentFields.js';
import { asClientError, contentFromForm, emptyContentForm, type ContentForm } from './prompt-form.js';
import { usePrompts } from './prompts.store.js';

/** A new prompt and its first version. Variables left undeclared are inferred: each placeholder, a required string. */
export function CreatePromptForm({ onDone }: { onDone: () => void }) {
  const create = usePrompts((state) => state.create);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [version, setVersion] = useState('1.0.0');
  const [message, setMessage] = useState('Initial version');
  const [form, setForm] = useState<ContentForm>(emptyContentForm);
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
      if (outcome.ok) onDone();
      else setError(outcome.error);
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
          <input className="input" autoFocus spellCheck={false} placeholder="e.g. ticket-summary" value={name} onChange={(e) => setName(e.target.value)} data-testid="prompts-create-name" />
        </label>
        <label className="param create-prompt-description">
          <span className="param-label">Description</span>
          <input className="input" placeholder="What it is for" value={description} onChange={(e) => setDescription(e.target.value)} data-testid="prompts-create-description" />
        </label>
        <label className="param">
          <span className="param-label">First version</span>
          <input className="input input-mono" value={version} onChange={(e) => setVersion(e.target.value)} data-testid="prompts-create-version" />
        </label>
        <label className="param">
          <span className="param-label">Message</span>
          <input className="input" value={message} onChange={(e) => setMessage(e.target.value)} data-testid="prompts-create-message" />
        </label>
      </div>
      <ContentFields
        form={form}
        onChange={(patch) => {
          setForm((f) => ({ ...f, ...patch }));
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
