import { create } from 'zustand';
import { cancelJob, runJob, stopJob, toClientError, type ClientError } from '../../api/client.js';
import type { CoreEvent, EventPayloads, IngestReport } from '../../api/contract.types.js';

export type FileState = EventPayloads['rag.fileProgressed']['state'];

/** One file of an ingestion as the list shows it. */
export interface FileProgress {
  path: string;
  state: FileState;
  chunks?: number;
  error?: { code: string; message: string };
}

export type IngestStatus = 'starting' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';

/** One ingestion run into one collection. */
export interface IngestRun {
  jobId: string | null;
  status: IngestStatus;
  /** Files in the order the core first reported them. */
  files: FileProgress[];
  done: number;
  total: number;
  /** Files that could not be indexed, with their typed error (from the events, then the final report). */
  skipped: Array<{ path: string; code: string; message: string }>;
  report: IngestReport | null;
  error: ClientError | null;
}

export interface IngestRequest {
  paths: string[];
  acl: string[];
  tags: string[];
  removeMissing: boolean;
}

interface IngestState {
  /** The latest run of each collection, by collection id. */
  runs: Record<string, IngestRun>;
  start(collectionId: string, request: IngestRequest): Promise<void>;
  cancel(collectionId: string): Promise<void>;
  clear(collectionId: string): void;
}

export const isIngesting = (run: IngestRun | undefined) => run !== undefined && (run.status === 'starting' || run.status === 'running' || run.status === 'cancelling');

/** Where each file's row sits in its run's list, so an event updates one row without a search. */
const rowIndex = new Map<string, Map<string, number>>();

const emptyRun = (): IngestRun => ({ jobId: null, status: 'starting', files: [], done: 0, total: 0, skipped: [], report: null, error: null });

export const useIngest = create<IngestState>()((set, get) => {
  function patchRun(collectionId: string, patch: (run: IngestRun) => Partial<IngestRun>): void {
    set((state) => {
      const run = state.runs[collectionId];
      return run ? { runs: { ...state.runs, [collectionId]: { ...run, ...patch(run) } } } : {};
    });
  }

  function onFile(collectionId: string, data: EventPayloads['rag.fileProgressed']): void {
    const rows = rowIndex.get(collectionId) ?? new Map<string, number>();
    rowIndex.set(collectionId, rows);
    patchRun(collectionId, (run) => {
      const files = run.files.slice();
      const entry: FileProgress = { path: data.path, state: data.state };
      if (data.chunks !== undefined) entry.chunks = data.chunks;
      if (data.error) entry.error = data.error;
      const at = rows.get(data.path);
      if (at === undefined) {
        rows.set(data.path, files.length);
        files.push(entry);
      } else {
        files[at] = entry;
      }
      const skipped = data.error ? [...run.skipped, { path: data.path, ...data.error }] : run.skipped;
      // A removal (folder sync) reports done/total 0: it does not move the bar.
      const progress = data.total > 0 ? { done: data.done, total: data.total } : {};
      return { files, skipped, ...progress };
    });
  }

  return {
    runs: {},

    async start(collectionId, request) {
      if (isIngesting(get().runs[collectionId])) return;
      rowIndex.set(collectionId, new Map());
      set((state) => ({ runs: { ...state.runs, [collectionId]: emptyRun() } }));
      let cancelRequested = false;
      const onStarted = (jobId: string) => {
        cancelRequested = get().runs[collectionId]?.status === 'cancelling';
        patchRun(collectionId, () => ({ jobId, status: cancelRequested ? 'cancelling' : 'running' }));
        if (cancelRequested) void cancelJob(jobId).catch(() => undefined);
      };
      const onEvent = (event: CoreEvent) => {
        if (event.topic === 'rag.fileProgressed') onFile(collectionId, event.data as EventPayloads['rag.fileProgressed']);
      };
      try {
        const report = await runJob(
          'rag.ingest',
          { collection: collectionId, paths: request.paths, acl: request.acl, tags: request.tags, removeMissing: request.removeMissing },
          { onStarted, onEvent },
        );
        patchRun(collectionId, (run) => ({ status: 'done', report, skipped: mergeSkipped(run.skipped, report.skipped), done: run.total }));
      } catch (failure) {
        const error = toClientError(failure);
        patchRun(collectionId, () => (error.code === 'CANCELLED' ? { status: 'cancelled' } : { status: 'failed', error }));
      }
    },

    async cancel(collectionId) {
      const run = get().runs[collectionId];
      if (!run || !isIngesting(run)) return;
      patchRun(collectionId, () => ({ status: 'cancelling' }));
      if (!run.jobId) return; // onStarted cancels as soon as the job has an id.
      const error = await stopJob(run.jobId);
      if (error) patchRun(collectionId, () => ({ error }));
    },

    clear(collectionId) {
      rowIndex.delete(collectionId);
      set((state) => {
        const { [collectionId]: _gone, ...rest } = state.runs;
        return { runs: rest };
      });
    },
  };
});

/** The report also names paths that never became a file event (a missing folder); each path is listed once. */
function mergeSkipped(fromEvents: IngestRun['skipped'], fromReport: IngestReport['skipped']): IngestRun['skipped'] {
  const seen = new Set(fromEvents.map((entry) => entry.path));
  return [...fromEvents, ...fromReport.filter((entry) => !seen.has(entry.path))];
}

/** Paths typed one per line (blank lines ignored). */
export function parsePaths(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Access entries or tags separated by commas or newlines, trimmed, each once. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[,\r\n]+/).map((item) => item.trim()).filter((item) => item !== ''))];
}
