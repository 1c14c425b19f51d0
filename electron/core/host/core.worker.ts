// The core in a worker thread: SQLite, hashing and job bookkeeping never run on the thread that serves the UI.
import { parentPort } from 'node:worker_threads';
import type { CoreReply, CoreRequest } from './core-channel.protocol.js';
import { serveCore } from './core-channel.server.js';

const port = parentPort;
if (!port) throw new Error('core.worker must run in a worker thread');
serveCore({
  post: (reply: CoreReply) => port.postMessage(reply),
  onMessage: (listener: (request: CoreRequest) => void) => port.on('message', listener),
});
