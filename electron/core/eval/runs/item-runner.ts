import type { CallContext } from '../../contract/context.js';
import type { JudgeVerdict } from '../../contract/eval.api.js';
import { AppError, isAppError } from '../../contract/errors.js';
import { bindVariables, renderTemplate } from '../../prompts/prompt-template.js';
import type { StoredCase } from '../datasets/datasets.repo.js';
import { gradeSingle } from '../judge/judge.js';
import { claimJudge } from '../rag/claim-judge.js';
import type { MetricName } from '../metrics/score-file.js';
import type { RagServices } from '../rag/rag-bridge.js';
import { ragMetricNames, ragScores, type Embed, type RagScores } from '../rag/rag-metrics.js';
import { assertionVars } from '../scoring/assertion-vars.js';
import { evaluateAssertion, type AssertionResult } from '../scoring/assertions.js';
import { referenceMetric } from '../scoring/reference-metrics.js';
import type { ResolvedPrompt, ResolvedSuite, WorkItem } from '../suites/resolved-suite.js';
import { Assertion } from '../suites/suite.schema.js';
import { childSignal, samplingDefaults, type Generate } from './generator.js';
import type { ResultRecord } from './eval-runs.repo.js';
import { traceEvalCase } from '../../observability/instrument/run-tracing.js';

export interface ItemDeps {
  generate: Generate;
  rag: (() => RagServices) | undefined;
  embed: Embed | undefined;
  ctx: CallContext;
  jobId: string;
}

interface Produced {
  rendered: Record<string, unknown>;
  input: string;
  output: string;
  contexts: string[];
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
}

/** Fills a prompt's templates with a case's variables. */
export function renderPrompt(prompt: ResolvedPrompt, vars: Record<string, unknown>): { messages: Array<{ role: 'system' | 'user'; content: string }> | null; prompt: string | null; input: string } {
  const bound = bindVariables(prompt.content.variables, vars, prompt.version ?? prompt.key);
  const system = renderTemplate(prompt.content.system, 'system', bound);
  const user = renderTemplate(prompt.content.user, 'user', bound);
  if (prompt.content.kind === 'completion') {
    const text = system ? `${system}\n\n${user}` : user;
    return { messages: null, prompt: text, input: text };
  }
  return { messages: [...(system.trim() ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content: user }], prompt: null, input: user };
}

async function produce(suite: ResolvedSuite, item: WorkItem, c: StoredCase, deps: ItemDeps, signal: AbortSignal): Promise<Produced> {
  const prompt = suite.prompts.find((p) => p.key === item.promptKey) as ResolvedPrompt;
  const model = suite.models.find((m) => m.key === item.modelKey) as ResolvedSuite['models'][number];
  const vars = { ...suite.defaultVars, ...c.vars };
  const started = performance.now();
  if (suite.rag && deps.rag) {
    const question = String(vars[suite.rag.questionVar] ?? '');
    if (question.trim() === '') throw new AppError('INVALID_INPUT', `case ${c.key} has no "${suite.rag.questionVar}" variable to ask`);
    const rag = deps.rag();
    const hits = await rag.search.search({ collection: suite.rag.collection, query: question, k: suite.rag.k }, deps.ctx);
    const child = childSignal(signal);
    const answer = await rag.ask
      .ask({ collection: suite.rag.collection, question, model: model.ref || undefined, k: suite.rag.k, use: 'evaluation' }, deps.ctx, { jobId: `${deps.jobId}#rag`, signal: child.signal, progress: () => undefined })
      .finally(() => child.dispose());
    const contexts = hits.map((h) => h.text);
    // The result carries the access lists of everything it quotes or was answered from; readers are checked against them.
    const fromHits = rag.access.aclSetsOfChunks([...hits.map((h) => h.chunkId), ...answer.citations.map((c) => c.chunkId)]);
    const fromTrace = rag.access.aclSetsOfTrace(answer.traceId);
    const aclSets = fromHits === null || fromTrace === null ? null : [...new Set([...fromHits, ...fromTrace])].sort((a, b) => a - b);
    return { rendered: { question, contexts, traceId: answer.traceId, access: { aclSets } }, input: question, output: answer.answer, contexts, latencyMs: performance.now() - started, promptTokens: answer.promptTokens, completionTokens: answer.completionTokens };
  }
  const rendered = renderPrompt(prompt, vars);
  // The version's parameters, then the suite's defaults, then the provider's own config; evals default to greedy decoding.
  const params = { ...prompt.content.params, ...suite.options, ...model.options };
  const result = await deps.generate(
    {
      model: model.ref, ...(rendered.messages ? { messages: rendered.messages } : { prompt: rendered.prompt ?? '' }),
      maxTokens: params.maxTokens ?? 256, temperature: params.temperature ?? samplingDefaults.temperature, topP: params.topP ?? samplingDefaults.topP,
      topK: params.topK ?? samplingDefaults.topK, stop: params.stop ?? [], seed: params.seed ?? samplingDefaults.seed,
      ...(prompt.content.outputSchema ? { jsonSchema: prompt.content.outputSchema } : {}),
    },
    signal,
  );
  if (result.stopReason === 'cancelled' || signal.aborted) throw new AppError('CANCELLED', 'The eval run was cancelled');
  return { rendered: rendered.messages ? { messages: rendered.messages } : { prompt: rendered.prompt }, input: rendered.input, output: result.text, contexts: c.contexts, latencyMs: result.totalMs, promptTokens: result.promptTokens, completionTokens: result.completionTokens };
}

/** Runs one case × prompt × model: generation, metrics, judge, assertions. Failures become an 'error' result. */
export function runItem(suite: ResolvedSuite, item: WorkItem, c: StoredCase, deps: ItemDeps, signal: AbortSignal): Promise<ResultRecord> {
  return traceEvalCase(String(c.id), item.modelKey, () => runCase(suite, item, c, deps, signal));
}

async function runCase(suite: ResolvedSuite, item: WorkItem, c: StoredCase, deps: ItemDeps, signal: AbortSignal): Promise<ResultRecord> {
  const prompt = suite.prompts.find((p) => p.key === item.promptKey) as ResolvedPrompt;
  const base = { caseId: c.id, promptKey: item.promptKey, promptVersionId: prompt.versionId, model: item.modelKey };
  let produced: Produced;
  try {
    produced = await produce(suite, item, c, deps, signal);
  } catch (error) {
    if (signal.aborted || (isAppError(error) && error.code === 'CANCELLED')) throw error;
    const shape = isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String((error as Error)?.message ?? error) };
    return { ...base, status: 'error', rendered: null, output: '', metrics: {}, assertions: [], passed: false, judge: null, error: shape, latencyMs: 0, promptTokens: 0, completionTokens: 0 };
  }
  const metrics: Record<string, number> = {};
  let rag: Promise<RagScores> | undefined;
  const claimJudgeOptions = suite.rag?.claimJudge;
  const verifier = claimJudgeOptions ? claimJudge(deps.generate, claimJudgeOptions) : undefined;
  const verify = verifier && ((claims: string[], contexts: string[]) => verifier(claims, contexts, signal));
  const ragOnce = (): Promise<RagScores> => (rag ??= ragScores({ question: produced.input, answer: produced.output, contexts: produced.contexts, reference: c.expected }, { embed: deps.embed, verify }));
  // A claim judge that cannot give its verdicts leaves the RAG metrics out and says why, like a failed rubric judge.
  let ragError: { code: string; message: string } | null = null;
  const ragOrNull = (): Promise<RagScores | null> =>
    ragOnce().catch((error: unknown) => {
      if (signal.aborted) throw error;
      ragError ??= isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) };
      return null;
    });
  for (const name of suite.metrics) {
    if ((ragMetricNames as readonly string[]).includes(name)) {
      const value = (await ragOrNull())?.[name as keyof RagScores];
      if (typeof value === 'number') metrics[name] = value;
    } else if (c.references.length > 0) metrics[name] = referenceMetric(name as MetricName, produced.output, c.references);
  }

  let verdict: Promise<JudgeVerdict> | undefined;
  let judgeError: { code: string; message: string } | null = null;
  const judgeWith = (rubric: string | undefined): Promise<JudgeVerdict> => {
    if (!suite.judge) return Promise.reject(new AppError('INVALID_INPUT', 'llm-rubric needs a judge: add `judge: { model: ... }` to the suite'));
    const options = { model: suite.judge.model, maxTokens: suite.judge.maxTokens, reasoningChars: suite.judge.reasoningChars };
    const item = { input: produced.input, output: produced.output, reference: c.expected };
    if (rubric !== undefined) return gradeSingle(deps.generate, { ...options, rubric: { criteria: [{ name: 'rubric', description: rubric }] } }, item, signal);
    return (verdict ??= gradeSingle(deps.generate, { ...options, rubric: suite.judge.rubric }, item, signal));
  };
  let single: JudgeVerdict | null = null;
  if (suite.judge) {
    try {
      single = await judgeWith(undefined);
      metrics['judge.overall'] = single.overall;
      for (const [criterion, score] of Object.entries(single.scores)) metrics[`judge.${criterion}`] = score;
    } catch (error) {
      if (signal.aborted) throw error;
      judgeError = isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) };
    }
  }

  const assertions: AssertionResult[] = [];
  const vars = assertionVars(suite.defaultVars, c);
  for (const raw of [...suite.defaultAssert, ...c.assert]) {
    const parsed = Assertion.safeParse(raw);
    if (!parsed.success) {
      assertions.push({ type: String((raw as { type?: unknown }).type ?? '?'), passed: false, score: null, threshold: null, reason: parsed.error.issues[0]?.message ?? 'invalid assertion' });
      continue;
    }
    const result = await evaluateAssertion(parsed.data, {
      output: produced.output, references: c.references, latencyMs: produced.latencyMs, outputSchema: prompt.content.outputSchema, rag: ragOnce, judge: judgeWith, embed: deps.embed, vars,
    });
    assertions.push(result);
    if (parsed.data.metric && result.score !== null) metrics[parsed.data.metric] = result.score;
  }
  if (signal.aborted) throw new AppError('CANCELLED', 'The eval run was cancelled');
  // A judge failure is counted as an error of the run (its gate can bound them); it fails the item only through an llm-rubric assertion.
  const passed = assertions.every((a) => a.passed);
  metrics.pass = passed ? 1 : 0;
  const unsupported = rag ? (await ragOrNull())?.unsupportedClaims : undefined;
  return {
    ...base, status: 'ok', rendered: { ...produced.rendered, ...(unsupported?.length ? { unsupportedClaims: unsupported } : {}) }, output: produced.output, metrics, assertions, passed,
    judge: suite.judge || ragError ? { single, pairwise: null, error: judgeError ?? ragError } : null, error: null,
    latencyMs: Math.round(produced.latencyMs * 100) / 100, promptTokens: produced.promptTokens, completionTokens: produced.completionTokens,
  };
}
