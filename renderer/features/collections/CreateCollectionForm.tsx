import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { generativeModels } from '../models/model-format.js';
import { useModels } from '../models/models.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useDraft } from '../shell/use-draft.js';
import { useCollections } from './collections.store.js';
import { SettingsFields } from './SettingsFields.js';
import { newCollectionForm, patchFromForm, type SettingsForm } from './settings-form.js';

/** A new form picks the first embedding model and the first chat model the library has. */
function initialForm(): SettingsForm {
  const models = generativeModels(useModels.getState().models);
  return {
    ...newCollectionForm,
    embeddingModel: models.find((model) => model.role === 'embedding')?.id ?? '',
    answerModel: models.find((model) => model.role === 'chat')?.id ?? '',
  };
}

export function CreateCollectionForm({ onDone }: { onDone: () => void }) {
  const create = useCollections((state) => state.create);
  // The draft outlives leaving the screen; a created collection clears it.
  const [draft, setDraft, clearDraft] = useDraft<{ name: string; form: SettingsForm }>('collections.create', { name: '', form: initialForm() });
  const { name, form } = draft;
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    // An empty name still goes to the core, whose INVALID_INPUT message says what is missing.
    void create(name.trim(), patchFromForm(form)).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) return setError(outcome.error);
      clearDraft();
      onDone();
    });
  };

  return (
    <form className="panel create-collection" onSubmit={submit} aria-label="New collection" data-testid="collection-create-form">
      <div className="panel-header">
        <span className="panel-label">New collection</span>
      </div>
      <label className="param">
        <span className="param-label">Name</span>
        <input
          className="input"
          autoFocus
          placeholder="e.g. maintenance-manuals"
          spellCheck={false}
          value={name}
          onChange={(event) => setDraft((d) => ({ ...d, name: event.target.value }))}
          data-testid="collection-name-input"
        />
      </label>
      <SettingsFields form={form} onChange={(key, value) => setDraft((d) => ({ ...d, form: { ...d.form, [key]: value } }))} prefix="create" full={false} disabled={busy} />
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="collection-create-error" />}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="collection-create-submit">
          Create
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
