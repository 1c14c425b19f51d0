import type { EvalResult, EvalRun, GateReport, JudgeVerdict, PairwiseVerdict, RunSummaryStats } from '../../contract/eval.api.js';
import type { StoredCase } from '../datasets/datasets.repo.js';
import type { ComparableResult } from '../compare/run-compare.js';
import type { ResolvedSuite } from '../suites/resolved-suite.js';
import type { ResultRow, RunRow } from './eval-runs.repo.js';
import type { SummaryInput } from './run-summary.js';

// Stored rows → the contract's shapes (and the inputs of summaries and comparisons).

export interface StoredJudge {
  single: JudgeVerdict | null;
  pairwise: (PairwiseVerdict & { against: string }) | null;
  error: { code: string; message: string } | null;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function runView(row: RunRow, interrupted: boolean, jobId: string | null = null): EvalRun {
  const suite = JSON.parse(row.suite_json) as ResolvedSuite;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    interrupted,
    jobId,
    dataset: { name: suite.dataset.name, version: suite.dataset.version },
    prompts: suite.prompts.map((p) => ({ key: p.key, ref: p.ref, version: p.version })),
    models: suite.models.map((m) => m.key),
    baselineRunId: row.baseline_run_id,
    totalItems: row.total_items,
    doneItems: row.done_items,
    summary: json<RunSummaryStats>(row.summary_json),
    gate: json<GateReport>(row.gate_json),
    error: json<{ code: string; message: string }>(row.error_json),
    createdBy: row.created_by,
    createdAt: row.created_at,
    endedAt: row.ended_at,
  };
}

export function resultView(row: ResultRow, c: StoredCase | undefined, suite: ResolvedSuite): EvalResult {
  const rendered = json<Record<string, unknown>>(row.rendered_json);
  const contexts = Array.isArray(rendered?.contexts) ? (rendered.contexts as string[]) : (c?.contexts ?? []);
  return {
    id: row.id,
    caseKey: row.case_key,
    ordinal: row.ordinal,
    prompt: row.prompt_key,
    promptVersion: suite.prompts.find((p) => p.key === row.prompt_key)?.version ?? null,
    model: row.model,
    status: row.status,
    vars: { ...suite.defaultVars, ...(c?.vars ?? {}) },
    rendered,
    output: row.output,
    expected: c?.expected ?? null,
    contexts,
    metrics: JSON.parse(row.metrics_json) as Record<string, number>,
    assertions: JSON.parse(row.assertions_json) as EvalResult['assertions'],
    passed: row.passed === 1,
    judge: json<StoredJudge>(row.judge_json),
    error: json<{ code: string; message: string }>(row.error_json),
    latencyMs: row.latency_ms,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
  };
}

export function summaryInput(row: ResultRow, c: StoredCase | undefined): SummaryInput {
  const judge = json<StoredJudge>(row.judge_json);
  return {
    prompt: row.prompt_key,
    model: row.model,
    status: row.status,
    passed: row.passed === 1,
    metrics: JSON.parse(row.metrics_json) as Record<string, number>,
    latencyMs: row.latency_ms,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    judgeOverall: judge?.single?.overall ?? null,
    judgeError: judge?.error !== null && judge?.error !== undefined,
    pairwiseWinner: judge?.pairwise?.winner ?? null,
    human: c?.human ?? null,
  };
}

/** Latency joins the compared metrics: a prompt that got slower is a regression too. */
export function comparable(row: ResultRow): ComparableResult {
  const metrics = JSON.parse(row.metrics_json) as Record<string, number>;
  return { caseKey: row.case_key, prompt: row.prompt_key, model: row.model, metrics: row.status === 'ok' ? { ...metrics, latencyMs: row.latency_ms } : { pass: 0 } };
}
