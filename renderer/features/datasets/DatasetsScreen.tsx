import { useEffect, useState } from 'react';
import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { useUnsavedWork } from '../shell/unsaved-work.js';
import { DatasetPage } from './DatasetPage.js';
import { DatasetsTable } from './DatasetsTable.js';
import { importSummary, rowErrorLines, type ImportReport } from './dataset-import.js';
import { useDatasets } from './datasets.store.js';
import { ImportForm } from './ImportForm.js';

/** Golden datasets: their versions and cases, imports (with eval.run), and (with eval.label) human labels saved as new versions. */
export function DatasetsScreen() {
  const datasets = useDatasets((state) => state.datasets);
  const loaded = useDatasets((state) => state.loaded);
  const error = useDatasets((state) => state.error);
  const selected = useDatasets((state) => state.selected);
  const dismissError = useDatasets((state) => state.dismissError);
  const canImport = holds(useAuth((state) => state.me), 'eval.run');
  const [importing, setImporting] = useState(false);
  const [lastImport, setLastImport] = useState<ImportReport | null>(null);
  // Labels live in memory until saved as a version: leaving the screen or reloading asks first.
  const pendingCount = useDatasets((state) => Object.keys(state.pending).length);
  useUnsavedWork(pendingCount > 0 ? `${pendingCount} label${pendingCount === 1 ? ' is' : 's are'} not saved on ${selected ?? 'this dataset'}.` : null);

  // Every visit reads the list again: imports come from the CLI too, labels from other labelers.
  useEffect(() => {
    void useDatasets.getState().refresh();
  }, []);

  const empty = loaded && datasets.length === 0 && !error;

  const imported = async (report: ImportReport) => {
    setImporting(false);
    setLastImport(report);
    const store = useDatasets.getState();
    await store.refresh();
    // Unsaved labels belong to the dataset open now; the new one is not opened over them.
    if (Object.keys(store.pending).length === 0 || store.selected === report.dataset) await store.open(report.dataset, report.version);
  };

  return (
    <section className="screen" aria-labelledby="datasets-title">
      <div className="screen-header">
        <h1 id="datasets-title" className="screen-title">
          Datasets
        </h1>
        <span className="screen-subtitle">
          {loaded ? `${datasets.length} dataset${datasets.length === 1 ? '' : 's'} · golden cases, versioned; runs record the version they used` : 'Loading…'}
        </span>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void useDatasets.getState().refresh()} title="Read the list again (imports also come from the CLI)" data-testid="datasets-reload">
          Reload
        </button>
        {canImport && !empty && (
          <button type="button" className="button button-primary" aria-expanded={importing} onClick={() => (setImporting((open) => !open), setLastImport(null))} data-testid="datasets-import-open">
            New dataset / Import
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="datasets-error" />}
      {lastImport && (
        <NoticeBox kind="info" message={importSummary(lastImport)} lines={rowErrorLines(lastImport.errors)} onDismiss={() => setLastImport(null)} testId="dataset-imported" />
      )}
      {canImport && (importing || empty) && <ImportForm datasets={datasets} onImported={(report) => void imported(report)} onCancel={empty ? undefined : () => setImporting(false)} />}
      {empty && (
        <p className="empty" data-testid="datasets-empty">
          No datasets yet. {canImport ? 'Import a JSONL or CSV file above, or' : 'Import one'} from a terminal with <code>enclave datasets import cases.jsonl --name NAME</code>.
        </p>
      )}
      {datasets.length > 0 && <DatasetsTable datasets={datasets} selected={selected} />}
      {selected !== null && <DatasetPage key={selected} name={selected} />}
    </section>
  );
}
