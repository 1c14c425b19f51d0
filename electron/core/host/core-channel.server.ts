import type { CallContext } from '../contract/context.js';
import { isAppError } from '../contract/errors.js';
import type { CoreChannel, CoreReply, CoreRequest } from './core-channel.protocol.js';
import { createCore, type Core, type CoreOptions } from './create-core.js';
import { dispatch } from './dispatch.js';

/** The remote end: waits for `start`, builds the core, answers calls and forwards events. */
export function serveCore(channel: Pick<CoreChannel<CoreReply, CoreRequest>, 'post' | 'onMessage'>, extra: Partial<CoreOptions> = {}): void {
  let core: Core | undefined;
  channel.onMessage(async (message) => {
    switch (message.type) {
      case 'start':
        try {
          core = createCore({ ...message.options, ...extra });
          core.events.subscribe((event) => channel.post({ type: 'event', event }));
          channel.post({ type: 'ready', info: core.info });
        } catch (error) {
          const shape = isAppError(error) ? error.toShape() : { code: 'INTERNAL' as const, message: `The core could not start: ${(error as Error).message}` };
          channel.post({ type: 'startFailed', error: shape });
        }
        return;
      case 'call':
        if (!core) return;
        channel.post({ type: 'result', id: message.id, result: await dispatch(core, message.method, message.params, message.ctx as CallContext) });
        return;
      case 'close':
        await core?.close();
        channel.post({ type: 'closed' });
        return;
    }
  });
}
