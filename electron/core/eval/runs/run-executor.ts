import type { CallContext } from '../../contract/context.js';
import type { EvalRun, RunComparison } from '../../contract/eval.api.js';
import { AppError, isAppError } from '../../contract/errors.js';
import type { JobControl } from '../../jobs/job-runner.js';
import { compareRuns } from '../compare/run-compare.js';
import type { StoredCase } from '../datasets/datasets.repo.js';
import { gradePairwise } from '../judge/judge.js';
import type { RagServices } from '../rag/rag-bridge.js';
import type { Embed } from '../rag/rag-metrics.js';
import { itemKey, workItems, type ResolvedSuite } from '../suites/resolved-suite.js';
import type { EvalRunsRepo } from './eval-runs.repo.js';
import { evaluateGate } from './gate.js';
import type { Generate } from './generator.js';
import { runItem } from './item-runner.js';
import { comparable, runView, summaryInput, type StoredJudge } from './run-views.js';
import { summarize } from './run-summary.js';

export interface ExecutorDeps {
  repo: EvalRunsRepo;
  cases(versionId: number): StoredCase[];
  generateFor(jobId: string): Generate;
  rag: () => RagServices;
  embedWith(model: string): Embed;
}

/** Runs `work` over `items` with at most `concurrency` in flight; stops taking new items once `signal` aborts. */
export async function pool<T>(items: T[], concurrency: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * Executes a stored run: the items without a stored result (all of them for a new run, the rest after a crash or
 * cancel), several at once so the model's parallel sequences stay busy, each stored as soon as it is finished.
 * Then pairwise judging, the summary, the comparison with the baseline and the gate.
 */
export async function executeRun(deps: ExecutorDeps, runId: string, job: JobControl, ctx: CallContext, concurrency: number): Promise<EvalRun> {
  const row = deps.repo.get(runId);
  if (!row) throw new AppError('NOT_FOUND', `No eval run ${runId}`);
  const suite = JSON.parse(row.suite_json) as ResolvedSuite;
  const cases = deps.cases(suite.dataset.versionId);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const items = workItems(suite, cases.map((c) => c.id));
  const done = deps.repo.doneKeys(runId);
  const pending = items.filter((item) => !done.has(itemKey(item)));
  let finished = items.length - pending.length;
  const report = (): void => job.progress(items.length ? finished / items.length : 1, `${finished}/${items.length} items`);
  report();
  const generate = deps.generateFor(job.jobId);
  const itemDeps = { generate, rag: suite.rag ? deps.rag : undefined, embed: suite.embeddingModel ? deps.embedWith(suite.embeddingModel) : undefined, ctx, jobId: job.jobId };
  try {
    await pool(pending, concurrency, job.signal, async (item) => {
      const result = await runItem(suite, item, byId.get(item.caseId) as StoredCase, itemDeps, job.signal);
      deps.repo.insertResult(runId, result);
      finished++;
      report();
    });
    if (job.signal.aborted) throw new AppError('CANCELLED', 'The eval run was cancelled');
    if (suite.judge?.pairwise && suite.prompts.length > 1) await pairwisePhase(deps, runId, suite, generate, concurrency, job.signal);
    if (job.signal.aborted) throw new AppError('CANCELLED', 'The eval run was cancelled');
    const results = deps.repo.results(runId).rows;
    const summary = summarize(results.map((r) => summaryInput(r, byId.get(r.case_id))));
    let comparison: RunComparison | null = null;
    if (row.baseline_run_id) {
      comparison = compareRuns(row.baseline_run_id, runId, deps.repo.results(row.baseline_run_id).rows.map(comparable), results.map(comparable), {
        metrics: suite.thresholds?.baseline?.metrics, significance: suite.thresholds?.baseline?.significance ?? 0.05,
      });
    }
    const gate = evaluateGate(suite.thresholds, summary, comparison);
    deps.repo.finish(runId, { status: 'succeeded', summary, gate, gatePassed: gate ? gate.passed : null });
  } catch (error) {
    const cancelled = job.signal.aborted || (isAppError(error) && error.code === 'CANCELLED');
    const shape = isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String((error as Error)?.message ?? error) };
    deps.repo.finish(runId, { status: cancelled ? 'cancelled' : 'failed', error: cancelled ? { code: 'CANCELLED', message: 'Cancelled; resume it with eval.runs.resume' } : shape });
    throw error;
  }
  return runView(deps.repo.get(runId)!, false);
}

/** Every prompt's output against the first prompt's, per case and model, in both orders. Resumable: graded pairs are skipped. */
async function pairwisePhase(deps: ExecutorDeps, runId: string, suite: ResolvedSuite, generate: Generate, concurrency: number, signal: AbortSignal): Promise<void> {
  const judge = suite.judge!;
  const rows = deps.repo.results(runId).rows;
  const reference = suite.prompts[0]!.key;
  const anchor = new Map(rows.filter((r) => r.prompt_key === reference).map((r) => [`${r.case_id}\u0000${r.model}`, r]));
  const todo = rows.filter((r) => r.prompt_key !== reference && r.status === 'ok' && !(JSON.parse(r.judge_json ?? 'null') as StoredJudge | null)?.pairwise);
  await pool(todo, concurrency, signal, async (row) => {
    const a = anchor.get(`${row.case_id}\u0000${row.model}`);
    if (!a || a.status !== 'ok') return;
    const stored = (JSON.parse(row.judge_json ?? 'null') as StoredJudge | null) ?? { single: null, pairwise: null, error: null };
    const rendered = JSON.parse(row.rendered_json) as { messages?: Array<{ content: string }>; prompt?: string; question?: string };
    const input = rendered.question ?? rendered.prompt ?? rendered.messages?.at(-1)?.content ?? '';
    try {
      const verdict = await gradePairwise(generate, { model: judge.model, rubric: judge.rubric, maxTokens: judge.maxTokens, reasoningChars: judge.reasoningChars }, { input, outputA: a.output, outputB: row.output }, signal);
      deps.repo.updateJudge(row.id, { ...stored, pairwise: { ...verdict, against: reference } });
    } catch (error) {
      if (signal.aborted) throw error;
      deps.repo.updateJudge(row.id, { ...stored, error: isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) } });
    }
  });
}
