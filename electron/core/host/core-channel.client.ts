import { AppError } from '../contract/errors.js';
import type { CoreEvent } from '../contract/events.js';
import type { CoreChannel, CoreReply, CoreRequest, RemoteCoreOptions } from './core-channel.protocol.js';
import type { CoreHandle } from './core-handle.js';

/** A CoreHandle over a message channel; resolves once the remote core has opened and migrated its database. */
export function connectCore(channel: CoreChannel<CoreRequest, CoreReply>, options: RemoteCoreOptions): Promise<CoreHandle> {
  const pending = new Map<number, (reply: Extract<CoreReply, { type: 'result' }>) => void>();
  const listeners = new Set<(event: CoreEvent) => void>();
  let nextId = 1;
  let closing: Promise<void> | undefined;
  let exited: (() => void) | undefined;

  return new Promise((resolve, reject) => {
    channel.onExit((code) => {
      const message = `The core stopped (exit ${code}); restart Enclave`;
      reject(new AppError('INTERNAL', message));
      for (const settle of pending.values()) settle({ type: 'result', id: 0, result: { ok: false, error: { code: 'INTERNAL', message } } });
      pending.clear();
      exited?.();
    });
    channel.onMessage((reply) => {
      switch (reply.type) {
        case 'ready':
          resolve(handle(reply.info));
          return;
        case 'startFailed':
          channel.terminate();
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
          channel.terminate();
          return;
      }
    });
    channel.post({ type: 'start', options });
  });

  function handle(info: CoreHandle['info']): CoreHandle {
    return {
      info,
      dispatch(method, params, ctx) {
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, (reply) => resolve(reply.result));
          channel.post({ type: 'call', id, method, params, ctx });
        });
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close() {
        closing ??= new Promise<void>((done) => {
          exited = done;
          channel.post({ type: 'close' });
        });
        return closing;
      },
    };
  }
}
