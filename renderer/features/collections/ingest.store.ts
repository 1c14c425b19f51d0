import { create } from 'zustand';
import { cancelJob, ClientError, runJob, stopJob, toClientError } from '../../api/client.js';
import type { CoreEvent, EventPayloads, IngestReport, Input } from '../../api/contract.types.js';
import { envelopeBytes, planUploads } from './upload-batches.js';
import { readBase64 } from './upload-files.js';

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
  /** The report so far (an upload in several calls adds each call's report to it). */
  report: IngestReport | null;
  error: ClientError | null;
  /** An upload sent in several calls: the call under way (1-based) and how many there are. */
  batch: { index: number; count: number } | null;
}

/** Files on the core's machine (holders of files.serverPaths), or the chosen files' content (an upload). */
export type IngestRequest = { acl: string[]; tags: string[] } & ({ paths: string[]; removeMissing: boolean } | { files: File[] });

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

const emptyRun = (): IngestRun => ({ jobId: null, status: 'starting', files: [], done: 0, total: 0, skipped: [], report: null, error: null, batch: null });

export const useIngest = create<IngestState>()((set, get) => {
  function patchRun(collectionId: string, patch: (run: IngestRun) => Partial<IngestRun>): void {
    set((state) => {
      const run = state.runs[collectionId];
      return run ? { runs: { ...state.runs, [collectionId]: { ...run, ...patch(run) } } } : {};
    });
  }

  function onFile(collectionId: string, data: EventPayloads['rag.fileProgressed'], before: number, total: number | null): void {
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
      const progress = data.total > 0 ? { done: before + data.done, total: total ?? data.total } : {};
      return { files, skipped, ...progress };
    });
  }

  return {
    runs: {},

    async start(collectionId, request) {
      if (isIngesting(get().runs[collectionId])) return;
      rowIndex.set(collectionId, new Map());
      set((state) => ({ runs: { ...state.runs, [collectionId]: emptyRun() } }));
      const { acl, tags } = request;
      try {
        if ('paths' in request) {
          const report = await runOne({ collection: collectionId, paths: request.paths, acl, tags, removeMissing: request.removeMissing }, 0, null);
          patchRun(collectionId, (run) => ({ status: 'done', report, skipped: mergeSkipped(run.skipped, report.skipped), done: run.total }));
        } else {
          await upload(request.files, acl, tags);
        }
      } catch (failure) {
        const error = toClientError(failure);
        patchRun(collectionId, () => (error.code === 'CANCELLED' ? { status: 'cancelled' } : { status: 'failed', error }));
      }

      /**
       * One rag.ingest job, followed to its report. `before` files of earlier calls count as done, and `total`
       * (when several calls share the bar) replaces the job's own count.
       */
      async function runOne(params: Input<'rag.ingest'>, before: number, total: number | null): Promise<IngestReport> {
        const onStarted = (jobId: string) => {
          const cancelRequested = get().runs[collectionId]?.status === 'cancelling';
          patchRun(collectionId, () => ({ jobId, status: cancelRequested ? 'cancelling' : 'running' }));
          if (cancelRequested) void cancelJob(jobId).catch(() => undefined);
        };
        const onEvent = (event: CoreEvent) => {
          if (event.topic === 'rag.fileProgressed') onFile(collectionId, event.data as EventPayloads['rag.fileProgressed'], before, total);
        };
        return runJob('rag.ingest', params, { onStarted, onEvent });
      }

      /** Uploads in as many calls as the limits ask for; each call's report adds to the run's. */
      async function upload(files: File[], aclList: string[], tagList: string[]): Promise<void> {
        const envelope = envelopeBytes({ collection: collectionId, files: [], acl: aclList, tags: tagList, removeMissing: false });
        const plan = planUploads(files, envelope);
        if (plan.tooLarge.length > 0) {
          const names = plan.tooLarge.map((index) => files[index]!.name).join(', ');
          throw new ClientError({ code: 'INVALID_INPUT', message: `Too large to upload in one request: ${names}. Remove them and start again.` });
        }
        let before = 0;
        for (const [index, batch] of plan.batches.entries()) {
          if (get().runs[collectionId]?.status === 'cancelling') throw new ClientError({ code: 'CANCELLED', message: 'Stopped before it finished.' });
          patchRun(collectionId, (run) => ({ jobId: null, status: 'starting', total: files.length, batch: { index: index + 1, count: plan.batches.length }, done: Math.max(run.done, before) }));
          const chosen = batch.map((at) => files[at]!);
          const contents = await Promise.all(chosen.map(async (file) => ({ name: file.name, contentBase64: await readBase64(file) })));
          // A cancel while the files were read: nothing is sent.
          if (get().runs[collectionId]?.status === 'cancelling') throw new ClientError({ code: 'CANCELLED', message: 'Stopped before it finished.' });
          const report = await runOne({ collection: collectionId, files: contents, acl: aclList, tags: tagList, removeMissing: false }, before, files.length);
          before += chosen.length;
          patchRun(collectionId, (run) => ({ report: addReports(run.report, report), skipped: mergeSkipped(run.skipped, report.skipped), done: before }));
        }
        patchRun(collectionId, () => ({ status: 'done', jobId: null }));
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

/** Two calls' reports as one: counts add up, lists join. */
function addReports(sum: IngestReport | null, next: IngestReport): IngestReport {
  if (!sum) return next;
  return {
    documents: sum.documents + next.documents,
    chunks: sum.chunks + next.chunks,
    unchanged: sum.unchanged + next.unchanged,
    updated: sum.updated + next.updated,
    removed: sum.removed + next.removed,
    embeddedChunks: sum.embeddedChunks + next.embeddedChunks,
    reusedEmbeddings: sum.reusedEmbeddings + next.reusedEmbeddings,
    skipped: [...sum.skipped, ...next.skipped],
    warnings: [...sum.warnings, ...next.warnings],
  };
}

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
