import { tracing } from '../tracing/ambient.js';
import { Attr } from '../tracing/gen-ai-attributes.js';

/** A registry prompt run as a trace: input guard, generation and output guard are its spans. */
export function tracePromptRun<T extends { name: string; version: string; text: string; blocked: boolean }>(ref: string, variables: unknown, jobId: string, work: () => Promise<T>): Promise<T> {
  return tracing.span('prompts.run', { 'enclave.prompt.ref': ref }, async (span) => {
    span.setTraceAttrs({ 'enclave.job.id': jobId });
    span.setTraceInput(typeof variables === 'object' && variables !== null ? JSON.stringify(variables) : String(variables ?? ''));
    const result = await work();
    span.setTraceAttrs({ [Attr.promptName]: result.name, [Attr.promptVersion]: result.version }).setTraceOutput(result.text).set({ 'enclave.guard.blocked': result.blocked });
    return result;
  }, { operation: 'prompts.run' });
}

/** One eval case (case × prompt × model) as a trace: its generation, RAG ask and judge calls are spans. */
export function traceEvalCase<T extends { output: string; status: string; passed: boolean; error: { code: string } | null }>(caseId: string, model: string, work: () => Promise<T>): Promise<T> {
  return tracing.span('eval.case', { 'enclave.eval.case': caseId, 'enclave.eval.model': model }, async (span) => {
    const result = await work();
    span.setTraceOutput(result.output).set({ 'enclave.eval.status': result.status, 'enclave.eval.passed': result.passed });
    if (result.error) span.fail(result.error.code);
    return result;
  }, { operation: 'eval.case' });
}

/** A judge call (rubric or pairwise) as a span, or a trace of its own when called directly. */
export function traceJudge<T extends object>(kind: 'rubric' | 'pairwise', model: string, input: string, work: () => Promise<T>): Promise<T> {
  return tracing.span(`judge ${kind}`, { 'enclave.judge.kind': kind, 'enclave.judge.model': model }, async (span) => {
    if (span.record.parentId === null) span.setTraceInput(input);
    const verdict = await work();
    const overall = (verdict as { overall?: unknown }).overall;
    const winner = (verdict as { winner?: unknown }).winner;
    if (typeof overall === 'number') span.set({ 'enclave.judge.overall': overall });
    if (typeof winner === 'string') span.set({ 'enclave.judge.winner': winner });
    if (span.record.parentId === null) span.setTraceOutput(JSON.stringify(verdict));
    return verdict;
  }, { operation: 'eval.judge' });
}
