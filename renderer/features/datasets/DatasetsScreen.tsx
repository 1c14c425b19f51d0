import { useEffect } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { DatasetPage } from './DatasetPage.js';
import { DatasetsTable } from './DatasetsTable.js';
import { useDatasets } from './datasets.store.js';

/** Golden datasets: their versions and cases, and (with eval.label) human labels saved as new versions. */
export function DatasetsScreen() {
  const datasets = useDatasets((state) => state.datasets);
  const loaded = useDatasets((state) => state.loaded);
  const error = useDatasets((state) => state.error);
  const selected = useDatasets((state) => state.selected);
  const dismissError = useDatasets((state) => state.dismissError);

  // Every visit reads the list again: imports come from the CLI, labels from other labelers.
  useEffect(() => {
    void useDatasets.getState().refresh();
  }, []);

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
        <button type="button" className="button" onClick={() => void useDatasets.getState().refresh()} title="Read the list again (imports come from the CLI)" data-testid="datasets-reload">
          Reload
        </button>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="datasets-error" />}
      {loaded && datasets.length === 0 && !error ? (
        <p className="empty" data-testid="datasets-empty">
          No datasets yet. Import one with <code>enclave datasets import cases.jsonl --name NAME</code> (JSONL or CSV).
        </p>
      ) : (
        datasets.length > 0 && <DatasetsTable datasets={datasets} selected={selected} />
      )}
      {selected !== null && <DatasetPage key={selected} name={selected} />}
    </section>
  );
}
