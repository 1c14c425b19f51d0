import { utilityProcess } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectCore } from '../core/host/core-channel.client.js';
import type { CoreReply, RemoteCoreOptions } from '../core/host/core-channel.protocol.js';
import type { CoreHandle } from '../core/host/core-handle.js';

/** Starts the core in an Electron utility process: off the main thread, and a crash there cannot close the window. */
export function startCoreUtilityProcess(options: RemoteCoreOptions): Promise<CoreHandle> {
  const entry = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../core/host/core.utility-process.js');
  const child = utilityProcess.fork(entry, [], { serviceName: 'Enclave core', stdio: 'inherit' });
  return connectCore(
    {
      post: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (reply: CoreReply) => listener(reply)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      terminate: () => void child.kill(),
    },
    options,
  );
}
