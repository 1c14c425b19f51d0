import type { AppErrorShape, Result } from '../contract/errors.js';
import type { CoreEvent } from '../contract/events.js';
import type { CoreInfo } from './create-core.js';

export type WorkerRequest =
  | { type: 'call'; id: number; method: string; params: unknown; ctx: unknown }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'ready'; info: CoreInfo }
  | { type: 'startFailed'; error: AppErrorShape }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: CoreEvent }
  | { type: 'closed' };
