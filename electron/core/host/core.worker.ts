// The core in a worker thread: SQLite, hashing and job bookkeeping never run on the thread that serves the UI.
import { parentPort, workerData } from 'node:worker_threads';
import type { CallContext } from '../contract/context.js';
import { createCore, type CoreOptions } from './create-core.js';
import { dispatch } from './dispatch.js';
import type { WorkerReply, WorkerRequest } from './core-worker.protocol.js';

const port = parentPort;
if (!port) throw new Error('core.worker must run in a worker thread');

const post = (reply: WorkerReply): void => port.postMessage(reply);

try {
  const core = createCore(workerData as CoreOptions);
  core.events.subscribe((event) => post({ type: 'event', event }));
  port.on('message', async (message: WorkerRequest) => {
    if (message.type === 'close') {
      await core.close();
      post({ type: 'closed' });
      return;
    }
    const result = await dispatch(core, message.method, message.params, message.ctx as CallContext);
    post({ type: 'result', id: message.id, result });
  });
  post({ type: 'ready', info: core.info });
} catch (error) {
  const shape = (error as { toShape?: () => unknown }).toShape?.() ?? { code: 'INTERNAL', message: (error as Error).message };
  post({ type: 'startFailed', error: shape as never });
}
