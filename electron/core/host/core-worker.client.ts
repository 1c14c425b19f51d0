import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { connectCore } from './core-channel.client.js';
import type { CoreReply, RemoteCoreOptions } from './core-channel.protocol.js';
import type { CoreHandle } from './core-handle.js';

/** Starts the core in a worker thread of this process. */
export function startCoreWorker(options: RemoteCoreOptions): Promise<CoreHandle> {
  const self = fileURLToPath(import.meta.url);
  const fromSource = self.endsWith('.ts');
  const entry = self.replace(/core-worker\.client\.(ts|js)$/, `core.worker.${fromSource ? 'ts' : 'js'}`);
  // Node 20 ignores `--import` in a worker's execArgv, so a source run registers tsx inside the worker first.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`;
  const worker = fromSource ? new Worker(boot, { eval: true }) : new Worker(entry);
  worker.on('error', (error) => process.stderr.write(`[core worker] ${error.stack ?? String(error)}\n`));
  return connectCore(
    {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', (reply: CoreReply) => listener(reply)),
      onExit: (listener) => worker.on('exit', listener),
      terminate: () => void worker.terminate(),
    },
    options,
  );
}
