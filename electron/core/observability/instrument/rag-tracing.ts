import type { AskResult, Hit } from '../../contract/rag.api.js';
import { tracing } from '../tracing/ambient.js';
import { Attr, GenAi } from '../tracing/gen-ai-attributes.js';

/**
 * A RAG ask as one trace: input guard, retrieval (with its embedding), context guard, generation, output guard and
 * the citation check are its spans. The trace's output is what the requester received (a held answer stays out).
 */
export function traceAsk(request: { collection: string; question: string; k?: number | undefined; prompt?: string | undefined }, work: () => Promise<AskResult>): Promise<AskResult> {
  return tracing.span('rag.ask', { 'enclave.collection.ref': request.collection, ...(request.k !== undefined ? { [Attr.k]: request.k } : {}) }, async (span) => {
    span.setTraceInput(request.question);
    const result = await work();
    span.setTraceOutput(result.answer).set({ [Attr.outcome]: result.outcome, 'enclave.abstained': result.abstained });
    if (result.prompt) span.setTraceAttrs({ [Attr.promptName]: result.prompt.name, [Attr.promptVersion]: result.prompt.version });
    // The support check ran inside the ask; its verdict is recorded as a span of its own for the waterfall.
    await tracing.span('citation.check', {
      'enclave.citations': result.citations.length, 'enclave.sentences': result.support.sentences, 'enclave.sentences.supported': result.support.supported,
      'enclave.unsupported': result.unsupported.length, [Attr.outcome]: result.outcome,
    }, () => undefined);
    return result;
  }, { operation: 'rag.ask' });
}

/** The trace of a RAG ask takes the answer's trace id and records the access sets of every passage it quoted. */
export function bridgeRagTrace(traceId: string, collectionId: string, aclSetIds: Array<number | undefined>): void {
  const span = tracing.current();
  if (!span) return;
  span.adoptTraceId(traceId, 'rag.ask');
  span.setTraceAttrs({ [Attr.collection]: collectionId });
  // A passage whose access set is unknown gets -1, a set nobody holds: an unknown list is never readable.
  span.addAcl(aclSetIds.map((id) => id ?? -1));
}

/** One retrieval as a span (a trace of its own for a plain search; a batch search makes one per query). */
export function traceSearch(request: { collection: string; query: string; k?: number | undefined; mode?: string | undefined }, aclSetsOf: (hits: Hit[]) => number[], work: () => Promise<Hit[]>): Promise<Hit[]> {
  return tracing.span('retrieval', {
    [GenAi.operation]: 'retrieval', [GenAi.dataSource]: request.collection, [Attr.collection]: request.collection,
    ...(request.k !== undefined ? { [Attr.k]: request.k } : {}), ...(request.mode ? { [Attr.mode]: request.mode } : {}),
  }, async (span) => {
    if (span.record.parentId === null) span.setTraceInput(request.query);
    const hits = await work();
    span.set({ [Attr.hits]: hits.length }).addAcl(aclSetsOf(hits));
    if (span.record.parentId === null) span.setTraceOutput(hits.map((h) => `${h.source} #${h.chunkId} (${h.score.toFixed(3)})`).join('\n'));
    return hits;
  }, { operation: 'retrieval' });
}
