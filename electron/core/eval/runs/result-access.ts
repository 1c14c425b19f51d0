import type { CallContext } from '../../contract/context.js';
import type { EvalResult } from '../../contract/eval.api.js';
import { WITHHELD, type ContentAccess } from '../../rag/content-access.js';

/**
 * Eval results built from retrieved passages (rag suites) are as protected as the passages: a caller who may not
 * read every access set the result recorded gets the item with its contexts, rendered prompt, output, judge
 * reasoning and assertion reasons removed. Metrics, pass/fail and timings stay, so summaries still add up.
 */
export function withholdUnreadable(result: EvalResult, ctx: CallContext, access: ContentAccess): EvalResult {
  const protectedBy = aclSetsOf(result.rendered, access);
  if (protectedBy === 'none' || access.mayReadAll(ctx, protectedBy)) return result;
  return {
    ...result,
    rendered: WITHHELD,
    output: '',
    contexts: [],
    judge: result.judge ? { single: null, pairwise: null, error: result.judge.error } : null,
    assertions: result.assertions.map((a) => ({ ...a, reason: 'withheld: built from passages you may not read' })),
    withheld: WITHHELD,
  };
}

/** 'none': not built from retrieval. null: built from retrieval, access unknown (older rows whose chunks are gone). */
function aclSetsOf(rendered: unknown, access: ContentAccess): number[] | null | 'none' {
  if (rendered === null || typeof rendered !== 'object') return 'none';
  const record = rendered as { traceId?: unknown; access?: { aclSets?: unknown } };
  if (record.access && (Array.isArray(record.access.aclSets) || record.access.aclSets === null)) return record.access.aclSets as number[] | null;
  if (typeof record.traceId === 'string') return access.aclSetsOfTrace(record.traceId);
  return 'none';
}
