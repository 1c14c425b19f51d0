import type { CoreEvent, Result } from './contract.types.js';
import { electronBridge, type EnclaveBridge } from './bridge.types.js';
import { ClientError } from './client-error.js';
import { createHttpTransport } from './http-transport.js';

export type EventListener = (event: CoreEvent) => void;

/** How the renderer reaches the core: Electron IPC or HTTP against `enclave serve`. */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  /** The core's answer; throws ClientError only when the core could not be reached or answered nonsense. */
  rpc(method: string, params: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  /** Resolves once events can be received, so a job started afterwards loses none of its events. */
  eventsReady(): Promise<void>;
  /** Reopens the event stream for whoever is signed in now (after signing in or out). */
  reconnectEvents(): void;
}

export function createIpcTransport(bridge: EnclaveBridge): Transport {
  return {
    kind: 'ipc',
    async rpc(method, params) {
      try {
        return await bridge.rpc(method, params);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new ClientError({ code: 'UNREACHABLE', message: `The app core did not answer: ${message}` });
      }
    },
    onEvent: (listener) => bridge.onEvent(listener),
    eventsReady: () => Promise.resolve(),
    // The main process filters events for the signed-in user; the channel itself stays.
    reconnectEvents: () => undefined,
  };
}

/** `window.enclave` present → IPC, else HTTP. */
export function createTransport(): Transport {
  const bridge = electronBridge();
  return bridge ? createIpcTransport(bridge) : createHttpTransport();
}
