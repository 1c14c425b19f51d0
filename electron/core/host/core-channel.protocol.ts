import type { AppErrorShape, Result } from '../contract/errors.js';
import type { CoreEvent } from '../contract/events.js';
import type { CoreInfo, CoreOptions } from './create-core.js';

/** Messages between a shell and a core that runs elsewhere (a worker thread or an Electron utility process). */
export type CoreRequest =
  | { type: 'start'; options: RemoteCoreOptions }
  | { type: 'call'; id: number; method: string; params: unknown; ctx: unknown }
  | { type: 'close' };

export type CoreReply =
  | { type: 'ready'; info: CoreInfo }
  | { type: 'startFailed'; error: AppErrorShape }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: CoreEvent }
  | { type: 'closed' };

/** Core options that can cross a message boundary (no functions). */
export type RemoteCoreOptions = Omit<CoreOptions, 'spawner' | 'provider' | 'log'>;

/** Both ends of the boundary look like this. */
export interface CoreChannel<Out, In> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  onExit(listener: (code: number | null) => void): void;
  terminate(): void;
}
