import { AsyncLocalStorage } from 'node:async_hooks';
import type { Attrs } from './trace-types.js';
import { ActiveSpan, Tracer, type SpanOptions } from './tracer.js';

/**
 * The core's tracer, carried like the caller (services/caller-scope.ts): every method call runs inside it, so
 * inference, search, asks, prompt runs and evals add spans with one call and no constructor threading. Work outside
 * a core call (a unit test building a service by hand) records nothing.
 */
const ambient = new AsyncLocalStorage<{ tracer: Tracer; endpoint: string }>();
const silent = new Tracer(() => undefined);

export const tracing = {
  /** `endpoint`: what the call came through (`http:rag.ask`), recorded on the traces it starts. */
  run<T>(tracer: Tracer, endpoint: string, work: () => T): T {
    return ambient.run({ tracer, endpoint }, work);
  },
  span<T>(name: string, attrs: Attrs, work: (span: ActiveSpan) => Promise<T> | T, options: SpanOptions = {}): Promise<T> {
    const store = ambient.getStore();
    if (!store) return silent.span(name, attrs, work, options);
    return store.tracer.span(name, attrs, work, { rootAttrs: { 'enclave.endpoint': store.endpoint }, ...options });
  },
  /** The span the caller is inside, if any (to add attributes, input, output, access sets). */
  current(): ActiveSpan | undefined {
    return ambient.getStore()?.tracer.current();
  },
  /** Runs background work outside the current trace (it must not join a request's trace). */
  detached<T>(work: () => T): T {
    const store = ambient.getStore();
    return store ? store.tracer.detached(work) : work();
  },
};
