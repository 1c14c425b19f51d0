import { isAppError } from '../contract/errors.js';
import type { Method } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import type { AuditService } from './audit.service.js';
import { authApi } from '../contract/auth.api.js';

/**
 * Methods not recorded here: those that only read (retrievals, model calls and every change are recorded), and
 * `audit.export`, which the audit service records itself.
 */
const NOT_RECORDED = new Set<string>([
  'app.info', 'models.list', 'models.get', 'inference.status', 'inference.countTokens', 'settings.get',
  'jobs.list', 'jobs.get', 'jobs.wait', 'jobs.cancel', 'rag.collections.list', 'rag.collections.get', 'rag.collections.history',
  'rag.documents.list', 'rag.traces.get', 'rag.watch.list', 'audit.list', 'audit.get', 'audit.verify', 'audit.publicKey', 'audit.export',
  'prompts.list', 'prompts.show', 'prompts.diff', 'prompts.history', 'prompts.resolve', 'prompts.render', 'prompts.suggestBump',
  'prompts.ab.list', 'prompts.ab.get', 'eval.datasets.list', 'eval.datasets.show', 'eval.datasets.export', 'eval.suites.validate',
  'eval.runs.list', 'eval.runs.get', 'eval.runs.results', 'eval.runs.compare',
  // Accounts record their own entries, without passwords or tokens.
  ...Object.keys(authApi),
]);

/** Largest payload kept per entry; longer values are cut (their digest still covers the whole). */
const MAX_PAYLOAD_CHARS = 64 * 1024;

export function isAudited(method: string): boolean {
  return !NOT_RECORDED.has(method);
}

/** What the entry is about, from the parameters' usual names. */
function targetOf(method: Method, input: unknown): string {
  const params = (input ?? {}) as Record<string, unknown>;
  for (const key of ['ref', 'model', 'collection', 'prompt', 'dataset', 'runId', 'testId', 'path', 'traceId', 'jobId', 'scope']) {
    if (typeof params[key] === 'string') return `${key === 'ref' ? (method.startsWith('prompts.') ? 'prompt' : 'model') : key}:${params[key] as string}`;
  }
  return method.split('.')[0] ?? '';
}

/** Search hits are recorded by id and score: the text is already in the database, under its own access list. */
function summarise(method: string, value: unknown): unknown {
  // The restored personal data must not be copied into the trail: only how much was restored.
  if (method === 'guard.restore' && value && typeof value === 'object') return { restored: (value as { restored: number }).restored, unknown: (value as { unknown: number }).unknown };
  if (method === 'rag.search' && value && typeof value === 'object' && 'hits' in value) {
    return { hits: (value as { hits: Array<{ chunkId: number; score: number }> }).hits.map((h) => ({ chunkId: h.chunkId, score: h.score })) };
  }
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_PAYLOAD_CHARS ? { truncated: true, head: text.slice(0, MAX_PAYLOAD_CHARS) } : value;
}

/**
 * Every call that changes something, retrieves or runs a model leaves an audit entry: who, what, on what,
 * digests of input and output, and the parameters and result as encrypted payload. A job's outcome is recorded
 * when it ends, as `<method>.completed`.
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
