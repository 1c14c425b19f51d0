import { create } from 'zustand';
import { call, ClientError, runJob, subscribe } from '../../api/client.js';
import type { CoreEvent, Model, ModelRole } from '../../api/contract.types.js';
import { reportError, reportInfo } from '../shell/notices.store.js';
import { scanSummary } from './model-format.js';

/** A running import or scan, shown with its progress bar. */
export interface ModelTask {
  key: number;
  kind: 'import' | 'scan';
  label: string;
  /** 0..1 once the core reports progress. */
  progress: number | null;
  message?: string;
}

export interface ModelPatch {
  name?: string;
  role?: ModelRole;
}

/** An approval decision; `confirm` goes ahead although collections or protected labels depend on the model. */
export interface ModelDecision {
  action: 'approve' | 'reject' | 'retire' | 'reinstate';
  reason: string;
  confirm?: boolean;
}

interface ModelsState {
  models: Model[];
  loaded: boolean;
  tasks: ModelTask[];
  refresh(): Promise<void>;
  importPath(path: string, approval?: { reason: string }): Promise<Model | null>;
  /** Resolves to the core's error (e.g. MODEL_IN_USE with the dependants) so the row can ask to confirm. */
  decide(id: string, decision: ModelDecision): Promise<ClientError | null>;
  scan(): Promise<void>;
  update(id: string, patch: ModelPatch): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

let nextTaskKey = 1;
let refreshing: Promise<void> | null = null;
let refreshAgain = false;

export const useModels = create<ModelsState>()((set, get) => {
  function addTask(kind: ModelTask['kind'], label: string): number {
    const key = nextTaskKey++;
    set((state) => ({ tasks: [...state.tasks, { key, kind, label, progress: null }] }));
    return key;
  }
  function updateTask(key: number, patch: Partial<ModelTask>): void {
    set((state) => ({ tasks: state.tasks.map((task) => (task.key === key ? { ...task, ...patch } : task)) }));
  }
  function endTask(key: number): void {
    set((state) => ({ tasks: state.tasks.filter((task) => task.key !== key) }));
  }
  /** Runs a job as a task with progress; the list refreshes afterwards whatever happened. */
  async function track<T>(kind: ModelTask['kind'], label: string, run: (onProgress: ProgressSink) => Promise<T>): Promise<T | null> {
    const key = addTask(kind, label);
    try {
      return await run((progress, message) => updateTask(key, message === undefined ? { progress } : { progress, message }));
    } catch (error) {
      reportError(error);
      return null;
    } finally {
      endTask(key);
      void get().refresh();
    }
  }

  return {
    models: [],
    loaded: false,
    tasks: [],

    // Coalesces bursts of models.changed: one list request in flight, at most one more after it.
    refresh() {
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          try {
            set({ models: await call('models.list', {}), loaded: true });
          } catch (error) {
            reportError(error);
          }
        } while (refreshAgain);
        refreshing = null;
      })();
      return refreshing;
    },

    importPath(path, approval) {
      const label = `Importing ${fileName(path)}`;
      const approve = approval ? { approve: true, ...(approval.reason.trim() ? { reason: approval.reason.trim() } : {}) } : {};
      return track('import', label, (onProgress) => runJob('models.import', { path, ...approve }, { onEvent: progressOf(onProgress) }));
    },

    async decide(id, { action, reason, confirm }) {
      const why = reason.trim() ? { reason: reason.trim() } : {};
      try {
        const model =
          action === 'reject'
            ? await call('models.reject', { ref: id, reason: reason.trim(), confirm: confirm ?? false })
            : action === 'retire'
              ? await call('models.retire', { ref: id, ...why, confirm: confirm ?? false })
              : await call(action === 'approve' ? 'models.approve' : 'models.reinstate', { ref: id, ...why });
        set((state) => ({ models: state.models.map((m) => (m.id === model.id ? model : m)) }));
        return null;
      } catch (error) {
        if (error instanceof ClientError) return error;
        reportError(error);
        return null;
      }
    },

    async scan() {
      const outcome = await track('scan', 'Scanning the models folder', (onProgress) =>
        runJob('models.scan', {}, { onEvent: progressOf(onProgress) }),
      );
      if (!outcome) return;
      const skipped = outcome.skipped.map((entry) => `${fileName(entry.path)}: ${entry.code} ${entry.message}`);
      reportInfo(`${scanSummary(outcome)}.`, skipped);
    },

    async update(id, patch) {
      try {
        const model = await call('models.update', { ref: id, ...patch });
        set((state) => ({ models: state.models.map((m) => (m.id === model.id ? model : m)) }));
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },

    async remove(id) {
      try {
        await call('models.remove', { ref: id });
        set((state) => ({ models: state.models.filter((m) => m.id !== id) }));
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },
  };
});

/** Loads the list and keeps it current on `models.changed`; returns the function that stops watching. */
export function watchModels(): () => void {
  void useModels.getState().refresh();
  return subscribe((event) => {
    if (event.topic === 'models.changed') void useModels.getState().refresh();
  });
}

type ProgressSink = (progress: number, message?: string) => void;

/** A job event listener that forwards `jobs.progressed` (0..1, optional message). */
function progressOf(onProgress: ProgressSink): (event: CoreEvent) => void {
  return (event) => {
    if (event.topic !== 'jobs.progressed') return;
    const { progress, message } = event.data as CoreEvent<'jobs.progressed'>['data'];
    onProgress(progress, message);
  };
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
