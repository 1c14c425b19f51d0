// The core in an Electron utility process (a Node process Electron starts; fuses forbid ELECTRON_RUN_AS_NODE).
// llama.cpp runs inside it, so neither SQLite nor inference ever touches the main or renderer threads.
// No `electron` import: Electron gives utility processes `process.parentPort`.
import type { CoreReply, CoreRequest } from './core-channel.protocol.js';
import { serveCore } from './core-channel.server.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('core.utility-process must be started with Electron utilityProcess.fork');
serveCore(
  {
    post: (reply: CoreReply) => parentPort.postMessage(reply),
    onMessage: (listener: (request: CoreRequest) => void) => parentPort.on('message', (event) => listener(event.data as CoreRequest)),
  },
  { inferenceHost: 'in-process' },
);
