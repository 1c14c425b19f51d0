import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { CaseDetail } from './CaseDetail.js';
import { CaseList } from './CaseList.js';
import { SaveBar } from './SaveBar.js';
import { VersionHistory } from './VersionHistory.js';
import { ExpertLabelingPanel } from './ExpertLabelingPanel.js';
import { downloadText } from './download.js';
import { isLatest, useDatasets } from './datasets.store.js';
import { useLabelKeys } from './use-label-keys.js';

/** One dataset: the version shown, its cases a page at a time, the case in full, labeling and the version history. */
export function DatasetPage({ name }: { name: string }) {
  const page = useDatasets((state) => state.page);
  const pageError = useDatasets((state) => state.pageError);
  const labeling = useDatasets((state) => state.labeling);
  const preferenceEverywhere = useDatasets((state) => state.preferenceEverywhere);
  const me = useAuth((state) => state.me);
  const canLabel = holds(me, 'eval.label');
  const latest = isLatest(page);
  const active = canLabel && labeling && latest;
  useLabelKeys(active);

  const exportCases = async () => {
    const exported = await useDatasets.getState().exportCases();
    if (exported) downloadText(exported.fileName, exported.content);
  };

  return (
    <div className="dataset-page" data-testid="dataset-page" data-name={name}>
      <div className="dataset-page-header">
        <h2 className="dataset-page-title" data-testid="dataset-title">
          {name}
          {page && (
            <span className="dataset-version-tag" data-testid="dataset-version" data-version={page.version}>
              v{page.version}
            </span>
          )}
          {page && !latest && <span className="tag">older version · latest is v{page.dataset.latestVersion}</span>}
        </h2>
        {page?.dataset.description && <span className="prompt-description">{page.dataset.description}</span>}
        <span className="spacer" />
        {canLabel && (
          <>
            {active && (
              <label className="checkbox" title="Pairwise cases (tagged pairwise, or with a preference) always ask for one">
                <input type="checkbox" checked={preferenceEverywhere} onChange={(e) => useDatasets.getState().setPreferenceEverywhere(e.target.checked)} data-testid="dataset-preference-everywhere" />
                Preference on every case
              </label>
            )}
            <button
              type="button"
              className={active ? 'button button-primary' : 'button'}
              onClick={() => useDatasets.getState().setLabeling(!labeling)}
              disabled={!latest}
              title={latest ? 'Label cases with the keyboard; labels are saved together as a new version' : 'Only the latest version can be labeled'}
              aria-pressed={active}
              data-testid="dataset-label-mode"
            >
              {active ? 'Stop labeling' : 'Label cases'}
            </button>
          </>
        )}
        <button type="button" className="button" onClick={() => void exportCases()} disabled={page === null} title="Download this version as JSONL" data-testid="dataset-export">
          Export JSONL
        </button>
      </div>
      {pageError && <ErrorMessage error={pageError} testId="dataset-page-error" />}
      {active && <SaveBar />}
      {page && (
        <div className={active ? 'dataset-body dataset-body-labeling' : 'dataset-body'}>
          <CaseList />
          <CaseDetail labeling={active} />
        </div>
      )}
      {page && <VersionHistory name={name} />}
      {page && <ExpertLabelingPanel name={name} />}
    </div>
  );
}
