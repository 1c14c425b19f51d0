import { tracing } from '../tracing/ambient.js';
import { Attr } from '../tracing/gen-ai-attributes.js';

interface Scanned {
  blocked?: boolean;
  verdicts: ReadonlyArray<{ scanner: string; outcome: string }>;
}

/** A guard stage as a span of the current trace: its verdicts (scanner:outcome) and whether it blocked. */
export function traceGuard<T extends Scanned>(name: 'guard.input' | 'guard.context' | 'guard.output', scan: () => Promise<T>): Promise<T> {
  return tracing.span(name, {}, async (span) => {
    const result = await scan();
    const interventions = result.verdicts.filter((v) => v.outcome !== 'pass');
    span.set({ [Attr.verdict]: result.verdicts.map((v) => `${v.scanner}:${v.outcome}`), 'enclave.guard.blocked': result.blocked ?? false, 'enclave.guard.interventions': interventions.length });
    return result;
  }, { childOnly: true });
}
