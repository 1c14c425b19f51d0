import { ErrorMessage } from '../shell/ErrorMessage.js';
import { MAX_LABELS_PER_SAVE, useDatasets } from './datasets.store.js';


/** Unsaved labels, the note, and "Save as new version"; a refused save says why and offers what to do. */
export function SaveBar() {
  const pendingCount = useDatasets((state) => Object.keys(state.pending).length);
  const note = useDatasets((state) => state.note);
  const saving = useDatasets((state) => state.saving);
  const saveError = useDatasets((state) => state.saveError);
  const saved = useDatasets((state) => state.saved);
  const page = useDatasets((state) => state.page);
  const { setNote, save, discard, reloadLatest, dismissSaveError } = useDatasets.getState();
  const tooMany = pendingCount > MAX_LABELS_PER_SAVE;

  return (
    <div className="panel dataset-save-bar" data-testid="dataset-save-bar">
      <div className="toolbar">
        <span className={pendingCount > 0 ? 'dataset-pending dataset-pending-some' : 'dataset-pending'} data-testid="dataset-pending-count" data-count={pendingCount}>
          {pendingCount === 0 ? 'No unsaved labels' : `${pendingCount} unsaved label${pendingCount === 1 ? '' : 's'}`}
        </span>
        <input
          className="input toolbar-grow"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void save()}
          placeholder="Note for the new version (what was labeled, by which guideline)"
          maxLength={2000}
          aria-label="Note"
          data-testid="dataset-note"
        />
        <button
          type="button"
          className="button button-primary"
          onClick={() => void save()}
          disabled={pendingCount === 0 || saving || tooMany}
          title={tooMany ? `One version takes at most ${MAX_LABELS_PER_SAVE} labels` : page ? `Saves v${page.dataset.latestVersion + 1} from v${page.version}` : undefined}
          data-testid="dataset-save"
        >
          {saving ? 'Saving…' : 'Save as new version'}
        </button>
        <button type="button" className="button" onClick={discard} disabled={pendingCount === 0 || saving} data-testid="dataset-discard">
          Discard
        </button>
      </div>
      {tooMany && <p className="hint hint-warn">One version takes at most {MAX_LABELS_PER_SAVE} labels: save, then go on.</p>}
      {saved && pendingCount === 0 && (
        <p className="dataset-saved" role="status" data-testid="dataset-saved" data-version={saved.version}>
          {saved.reused ? `No label changed; v${saved.version} stays the latest.` : `Saved ${saved.changed} label${saved.changed === 1 ? '' : 's'} as v${saved.version} (from v${saved.baseVersion}).`}
        </p>
      )}
      {saveError && (
        <div className="stacked">
          <ErrorMessage error={saveError} onDismiss={dismissSaveError} testId="dataset-save-error" />
          {saveError.code === 'DATASET_VERSION_STALE' && (
            <div className="toolbar">
              <button type="button" className="button" onClick={() => void reloadLatest()} data-testid="dataset-reload-latest">
                Open the latest version, keeping my labels
              </button>
              <span className="hint">Your unsaved labels then replace the latest labels of the same cases.</span>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
