import { VirtualList } from '../documents/VirtualList.js';
import { fileName } from '../models/models.store.js';
import type { FileProgress, FileState, IngestRun, IngestStatus } from './ingest.store.js';

const FILE_ROW_HEIGHT = 26;

const stateLabels: Record<FileState, string> = {
  extracting: 'extracting…',
  embedding: 'embedding…',
  indexed: 'indexed',
  unchanged: 'unchanged',
  skipped: 'skipped',
  removed: 'removed',
};

function statusLine(run: IngestRun): string {
  const counts = run.total > 0 ? ` ${run.done} of ${run.total} files` : '';
  // An upload in several calls says which one is under way, and what a failure leaves behind.
  const part = run.batch && run.batch.count > 1 ? ` (part ${run.batch.index} of ${run.batch.count})` : '';
  const earlier = run.batch && run.batch.index > 1 ? ` in part ${run.batch.index} of ${run.batch.count}; the files of earlier parts are indexed.` : '.';
  const labels: Record<IngestStatus, string> = {
    starting: run.batch ? `Uploading${part}…` : 'Starting…',
    running: `Indexing…${counts}${part}`,
    cancelling: 'Cancelling…',
    cancelled: `Cancelled:${counts}; documents finished so far are kept.`,
    failed: `Failed${earlier}`,
    done: `Done:${counts}.`,
  };
  return labels[run.status];
}

/** A run's overall bar, its files with their state, the files it skipped and why, and the final report. */
export function IngestProgress({ run }: { run: IngestRun }) {
  const fraction = run.total > 0 ? run.done / run.total : null;
  const running = run.status === 'running' || run.status === 'starting' || run.status === 'cancelling';

  return (
    <div className="ingest-progress" data-testid="ingest-progress">
      <div className="task">
        <span className={`run-status run-status-${run.status}`} data-testid="ingest-status" data-status={run.status}>
          {statusLine(run)}
        </span>
        <span className="spacer" />
        {fraction === null && running ? (
          <progress className="task-progress" data-testid="ingest-bar" />
        ) : (
          <progress className="task-progress" max={1} value={fraction ?? 1} data-testid="ingest-bar" />
        )}
        <span className="task-percent">{fraction === null ? '' : `${Math.round(fraction * 100)}%`}</span>
      </div>
      {run.files.length > 0 && (
        <div className="file-list" role="table" aria-label="Files" aria-rowcount={run.files.length + 1}>
          <div className="file-row file-row-header" role="row" aria-rowindex={1}>
            <span role="columnheader">File</span>
            <span role="columnheader">State</span>
            <span role="columnheader" className="cell-number">
              Chunks
            </span>
          </div>
          <VirtualList
            count={run.files.length}
            rowHeight={FILE_ROW_HEIGHT}
            className="file-list-body"
            testId="ingest-files"
            renderRow={(index) => <FileRow file={run.files[index]!} />}
          />
        </div>
      )}
      {run.skipped.length > 0 && (
        <div className="skipped" data-testid="ingest-skipped">
          <span className="panel-label">Skipped files ({run.skipped.length})</span>
          <ul className="skipped-list">
            {run.skipped.map((entry) => (
              <li key={`${entry.path}\n${entry.code}`} className="skipped-item" data-testid="ingest-skipped-row" data-code={entry.code} data-path={entry.path}>
                <span className="notice-code">{entry.code}</span>
                <span className="skipped-path" title={entry.path}>
                  {fileName(entry.path)}
                </span>
                <span className="skipped-message">{entry.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {run.report && (
        <p className="hint" data-testid="ingest-report">
          {run.report.documents} document{run.report.documents === 1 ? '' : 's'} indexed ({run.report.updated} updated), {run.report.chunks} chunks,{' '}
          {run.report.unchanged} unchanged, {run.report.removed} removed, {run.report.skipped.length} skipped · {run.report.embeddedChunks} chunks embedded,{' '}
          {run.report.reusedEmbeddings} embeddings reused
          {run.report.warnings.length > 0 && ` · ${run.report.warnings.length} warning${run.report.warnings.length === 1 ? '' : 's'}`}
        </p>
      )}
    </div>
  );
}

function FileRow({ file }: { file: FileProgress }) {
  const working = file.state === 'extracting' || file.state === 'embedding';
  return (
    <div className={`file-row file-row-${file.state}`} data-testid="ingest-file" data-state={file.state} data-path={file.path}>
      <span className="file-name" role="cell" title={file.path}>
        {fileName(file.path)}
      </span>
      <span className={`file-state file-state-${file.state}`} role="cell" title={file.error ? `${file.error.code}: ${file.error.message}` : undefined}>
        {working ? <progress className="file-progress" /> : <progress className="file-progress" max={1} value={1} />}
        {stateLabels[file.state]}
      </span>
      <span className="cell-number" role="cell">
        {file.chunks ?? ''}
      </span>
    </div>
  );
}
