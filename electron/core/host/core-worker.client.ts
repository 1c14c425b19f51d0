import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../contract/errors.js';
import type { CoreEvent } from '../contract/events.js';
import type { CoreHandle } from './core-handle.js';
import type { CoreOptions } from './create-core.js';
import type { WorkerReply, WorkerRequest } from './core-worker.protocol.js';

/** Starts the core in a worker thread and resolves once its database is open and migrated. */
export function startCoreWorker(options: Omit<CoreOptions, 'spawner' | 'provider' | 'log'>): Promise<CoreHandle> {
  const self = fileURLToPath(import.meta.url);
  const fromSource = self.endsWith('.ts');
  const entry = self.replace(/core-worker\.client\.(ts|js)$/, `core.worker.${fromSource ? 'ts' : 'js'}`);
  // Node 20 ignores `--import` in a worker's execArgv, so a source run registers tsx inside the worker first.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  const worker = fromSource ? new Worker(boot, { eval: true, workerData: options }) : new Worker(entry, { workerData: options });
  const pending = new Map<number, (reply: Extract<WorkerReply, { type: 'result' }>) => void>();
  const listeners = new Set<(event: CoreEvent) => void>();
  let nextId = 1;
  let closing: Promise<void> | undefined;

  return new Promise((resolve, reject) => {
    worker.on('error', (error) => reject(error));
    worker.on('exit', (code) => {
      for (const settle of pending.values()) {
        settle({ type: 'result', id: 0, result: { ok: false, error: { code: 'INTERNAL', message: `The core stopped (exit ${code}); restart Enclave` } } });
      }
      pending.clear();
    });
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.type) {
        case 'ready':
          resolve(handle(reply.info));
          return;
        case 'startFailed':
          void worker.terminate();
          reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
          return;
        case 'result':
          pending.get(reply.id)?.(reply);
          pending.delete(reply.id);
          return;
        case 'event':
          for (const listener of listeners) listener(reply.event);
          return;
        case 'closed':
          void worker.terminate();
          return;
      }
    });
  });

  function handle(info: CoreHandle['info']): CoreHandle {
    return {
      info,
      dispatch(method, params, ctx) {
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, (reply) => resolve(reply.result));
          worker.postMessage({ type: 'call', id, method, params, ctx } satisfies WorkerRequest);
        });
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close() {
        closing ??= new Promise<void>((done) => {
          worker.once('exit', () => done());
          worker.postMessage({ type: 'close' } satisfies WorkerRequest);
        });
        return closing;
      },
    };
  }
}
