import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import type { Collection } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useCollections } from './collections.store.js';
import { SettingsFields } from './SettingsFields.js';
import { SettingsHistory } from './SettingsHistory.js';
import { changedSettings, formFromSettings, isEmptyPatch, rebuildsIndex, type SettingsForm } from './settings-form.js';

/** Edit the selected collection's settings; each save is a new version. */
export function SettingsPanel({ collection }: { collection: Collection }) {
  const update = useCollections((state) => state.update);
  const reindex = useCollections((state) => state.reindexing[collection.id] ?? null);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(collection.settings));
  const [error, setError] = useState<ClientError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // A new version (saved here or elsewhere) or another collection: the form shows what is stored now. A list
  // refresh brings equal settings as new objects; that must not wipe what the user is typing.
  const savedSettings = useRef(collection.settings);
  savedSettings.current = collection.settings;
  useEffect(() => {
    setForm(formFromSettings(savedSettings.current));
    setError(null);
  }, [collection.id, collection.settingsVersion]);
  useEffect(() => {
    setSaved(null);
  }, [collection.id]);

  const patch = changedSettings(collection.settings, form);
  const dirty = !isEmptyPatch(patch);
  const building = reindex !== null || collection.indexStatus === 'building';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    void update(collection.id, patch).then((outcome) => {
      setBusy(false);
      if (!outcome.ok) return setError(outcome.error);
      setSaved(`Saved as version ${outcome.collection.settingsVersion}${outcome.reindexing ? '; the index is being rebuilt, the old one answers until it is done' : ''}.`);
    });
  };

  return (
    <form className="panel settings-panel" onSubmit={submit} aria-label={`Settings of ${collection.name}`} data-testid="collection-settings">
      <div className="panel-header">
        <span className="panel-label">Settings · version {collection.settingsVersion}</span>
        {building && (
          <span className="reindex-status" data-testid="collection-reindexing">
            re-indexing…
            {reindex?.progress != null && (
              <>
                <progress className="reindex-progress" max={1} value={reindex.progress} />
                {Math.round(reindex.progress * 100)}%
              </>
            )}
          </span>
        )}
      </div>
      <SettingsFields form={form} onChange={(key, value) => setForm((f) => ({ ...f, [key]: value }))} prefix="settings" full disabled={busy} />
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="collection-settings-error" />}
      {saved && (
        <p className="hint" role="status" data-testid="collection-settings-saved">
          {saved}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || !dirty} data-testid="collection-settings-save">
          Save as new version
        </button>
        <button type="button" className="button" disabled={busy || !dirty} onClick={() => setForm(formFromSettings(collection.settings))}>
          Revert
        </button>
        {dirty && rebuildsIndex(patch) && <span className="hint">Saving rebuilds the index in the background.</span>}
      </div>
      <SettingsHistory collection={collection} />
    </form>
  );
}
