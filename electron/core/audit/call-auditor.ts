import { isAppError } from '../contract/errors.js';
import type { Method } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import type { AuditService } from './audit.service.js';
import { auditClassOf } from './audit-classes.js';
import { summariseRead } from './read-summary.js';

/** Largest payload kept per entry; longer values are cut (their digest still covers the whole). */
const MAX_PAYLOAD_CHARS = 64 * 1024;

/** Changes and protected reads are recorded here; the classes are decided per method in audit-classes.ts. */
export function isAudited(method: string): boolean {
  const auditClass = auditClassOf(method);
  return auditClass === 'change' || auditClass === 'protected-read';
}

/** What the entry is about, from the parameters' usual names. */
function targetOf(method: Method, input: unknown): string {
  const params = (input ?? {}) as Record<string, unknown>;
  for (const key of ['ref', 'model', 'collection', 'prompt', 'dataset', 'runId', 'testId', 'path', 'traceId', 'jobId', 'scope']) {
    if (typeof params[key] === 'string') return `${key === 'ref' ? (method.startsWith('prompts.') ? 'prompt' : 'model') : key}:${params[key] as string}`;
  }
  return method.split('.')[0] ?? '';
}

/** A change keeps its result (cut when long); a protected read keeps only which records it returned and how many. */
function summarise(method: string, value: unknown): unknown {
  if (auditClassOf(method) === 'protected-read') return summariseRead(value);
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_PAYLOAD_CHARS ? { truncated: true, head: text.slice(0, MAX_PAYLOAD_CHARS) } : value;
}

/**
 * Every call that changes something or runs a model, and every call that returns protected content, leaves an audit
 * entry: who, what, on what, digests of input and output, and the parameters and result (for a protected read: the
 * ids and counts of what was returned) as encrypted payload. A job's outcome is recorded when it ends, as
 * `<method>.completed`.
 */
export class CallAuditor {
  constructor(private readonly audit: AuditService, private readonly log: (message: string) => void) {}

  succeeded(method: Method, input: unknown, ctx: CallContext, value: unknown, waitForJob: (jobId: string) => Promise<unknown>): void {
    if (!isAudited(method)) return;
    this.record(method, input, ctx, 'success', value, { params: input, result: summarise(method, value) });
    const jobId = (value as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId !== 'string') return;
    waitForJob(jobId).then(
      (result) => this.record(`${method}.completed`, input, ctx, 'success', result, { jobId, result: summarise(method, result) }),
      (error: unknown) => this.record(`${method}.completed`, input, ctx, outcomeOf(error), undefined, { jobId, error: shapeOf(error) }),
    );
  }

  failed(method: string, input: unknown, ctx: CallContext, error: unknown): void {
    if (!isAudited(method)) return;
    this.record(method, input, ctx, outcomeOf(error), undefined, { params: input, error: shapeOf(error) });
  }

  private record(action: string, input: unknown, ctx: CallContext, outcome: 'success' | 'failure' | 'denied', output: unknown, payload: unknown): void {
    this.audit
      .queue({ actor: ctx.user, action, target: targetOf(action.replace(/\.completed$/, '') as Method, input), outcome, input: JSON.stringify(input ?? null), output: JSON.stringify(output ?? null), payload: { shell: ctx.shell, ...(payload as object) } })
      .catch((error: unknown) => this.log(`[audit] could not record ${action}: ${(error as Error).message}`));
  }
}

function outcomeOf(error: unknown): 'failure' | 'denied' {
  return isAppError(error) && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED') ? 'denied' : 'failure';
}

function shapeOf(error: unknown): { code: string; message: string } {
  return isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String((error as Error)?.message ?? error) };
}
