import { formatTime } from '../prompts/prompt-time.js';
import { useDatasets } from './datasets.store.js';

/** Every version of the dataset, newest first: where it came from, the note, who made it; one is open. */
export function VersionHistory({ name }: { name: string }) {
  const page = useDatasets((state) => state.page);
  const hasPending = useDatasets((state) => Object.keys(state.pending).length > 0);
  if (page === null) return null;
  return (
    <details className="panel dataset-history" open>
      <summary className="panel-label">Versions ({page.versions.length})</summary>
      <ul className="history-list" data-testid="dataset-versions">
        {page.versions.map((v) => {
          const shown = v.version === page.version;
          return (
            <li key={v.version} className={shown ? 'history-item dataset-history-shown' : 'history-item'} data-testid="dataset-version-item" data-version={v.version}>
              <span className="history-version">v{v.version}</span>
              <span className="history-meta">
                {v.cases.toLocaleString('en-US')} cases · {v.source} · {v.createdBy} · <span title={v.createdAt}>{formatTime(v.createdAt)}</span>
                {shown ? (
                  <span className="tag">shown</span>
                ) : (
                  <button
                    type="button"
                    className="row-action"
                    onClick={() => void useDatasets.getState().open(name, v.version)}
                    disabled={hasPending}
                    title={hasPending ? 'Save or discard your labels first' : `Show v${v.version}`}
                    data-testid="dataset-version-open"
                  >
                    Show
                  </button>
                )}
              </span>
              <span className="history-summary" data-testid="dataset-version-note">
                {v.note || <span className="muted">No note</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
