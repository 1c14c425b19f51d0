import { formatTime } from '../prompts/prompt-time.js';
import type { DatasetSummary } from './dataset-types.js';
import { useDatasets } from './datasets.store.js';

/** Every dataset with its latest version; a click opens it below. */
export function DatasetsTable({ datasets, selected }: { datasets: DatasetSummary[]; selected: string | null }) {
  const pendingCount = useDatasets((state) => Object.keys(state.pending).length);
  const open = (name: string) => {
    // Unsaved labels belong to the dataset open now; another is not opened over them.
    if (name === selected || pendingCount > 0) return;
    void useDatasets.getState().open(name);
  };
  return (
    <div className="table-scroll datasets-table">
      <table className="table" data-testid="datasets-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Description</th>
            <th className="cell-number">Latest version</th>
            <th className="cell-number">Cases</th>
            <th className="cell-number">Versions</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr
              key={d.id}
              className={d.name === selected ? 'row-selected row-clickable' : 'row-clickable'}
              onClick={() => open(d.name)}
              title={pendingCount > 0 && d.name !== selected ? 'Save or discard your labels first' : undefined}
              data-testid="dataset-row"
              data-name={d.name}
            >
              <td className="cell-name">
                <button type="button" className="row-select" onClick={(event) => (event.stopPropagation(), open(d.name))} data-testid="dataset-open">
                  {d.name}
                </button>
              </td>
              <td className="eval-clip eval-clip-wide" title={d.description}>
                {d.description || <span className="muted">—</span>}
              </td>
              <td className="cell-number">v{d.latestVersion}</td>
              <td className="cell-number">{d.cases.toLocaleString('en-US')}</td>
              <td className="cell-number">{d.versions}</td>
              <td title={d.createdAt}>{formatTime(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
