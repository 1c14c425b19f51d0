import type { CoreEvent, Result } from './contract.types.js';
import { ClientError, UNAUTHORIZED_MESSAGE } from './client-error.js';
import type { EventListener, Transport } from './transport.js';

/** Give up waiting for the event stream after this long; calls then go ahead (their results still arrive by jobs.wait). */
const EVENTS_READY_TIMEOUT_MS = 5_000;

/**
 * HTTP shell: POST /rpc/<method> with the JSON params, GET /events as server-sent events. Auth is the
 * HttpOnly cookie the server set when the user opened the printed `/?token=` URL, so nothing secret lives here.
 */
export function createHttpTransport(): Transport {
  const listeners = new Set<EventListener>();
  let source: EventSource | null = null;
  let ready: Promise<void> | null = null;

  function connect(): Promise<void> {
    if (ready) return ready;
    ready = new Promise<void>((resolve) => {
      source = new EventSource('/events');
      const timer = setTimeout(resolve, EVENTS_READY_TIMEOUT_MS);
      source.addEventListener('open', () => {
        clearTimeout(timer);
        resolve();
      });
      source.addEventListener('error', () => {
        // The browser reconnects by itself; a CLOSED stream (e.g. 401) will not, so stop waiting for it.
        if (source?.readyState === EventSource.CLOSED) {
          clearTimeout(timer);
          resolve();
        }
      });
      source.addEventListener('message', (message: MessageEvent<string>) => {
        const event = parseEvent(message.data);
        if (event) for (const listener of listeners) listener(event);
      });
    });
    return ready;
  }

  return {
    kind: 'http',
    async rpc(method, params) {
      let response: Response;
      try {
        response = await fetch(`/rpc/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(params ?? {}),
        });
      } catch {
        throw new ClientError({ code: 'UNREACHABLE', message: 'Cannot reach the Enclave server. Is `enclave serve` still running?' });
      }
      const body: unknown = await response.json().catch(() => undefined);
      // The core's own reason when it gave one ("your session has ended", "this workstation is shared").
      if (response.status === 401) return isResult(body) && !body.ok ? body : { ok: false, error: { code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE } };
      if (!isResult(body)) {
        throw new ClientError({ code: 'BAD_RESPONSE', message: `The server answered ${method} with HTTP ${response.status} and no result.` });
      }
      return body;
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect();
      return () => listeners.delete(listener);
    },
    eventsReady: connect,
    reconnectEvents() {
      source?.close();
      source = null;
      ready = null;
      if (listeners.size > 0) void connect();
    },
  };
}

function parseEvent(data: string): CoreEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && typeof (value as CoreEvent).topic === 'string') return value as CoreEvent;
  } catch {
    // A comment or keep-alive line that is not JSON: not an event.
  }
  return null;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const { ok } = value as { ok: unknown };
  if (ok === true) return true;
  if (ok !== false) return false;
  const { error } = value as { error?: { code?: unknown; message?: unknown } };
  return typeof error?.code === 'string' && typeof error.message === 'string';
}
