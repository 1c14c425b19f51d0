import type { Db } from '../../../../native/sqlite/open.js';
import { DatasetsRepo } from '../datasets/datasets.repo.js';
import type { NewCase } from '../datasets/case-shape.js';
import { EvalRunsRepo } from '../runs/eval-runs.repo.js';
import { summaryInput } from '../runs/run-views.js';
import { summarize } from '../runs/run-summary.js';
import type { ResolvedSuite } from '../suites/resolved-suite.js';
import type { BenchmarkFormat, ChoiceItem } from './benchmark-formats.js';
import type { ItemResult } from './benchmark-score.js';

/** Marks a stored suite as a benchmark's: nothing to generate, so such a run is never resumed by the eval executor. */
export const BENCHMARK_SOURCE = 'benchmark';

/** The metric names a benchmark result stores (1 when that argmax picked the gold choice), as compare reads them. */
const METRICS = ['accuracy', 'accuracyNorm', 'accuracyNormChars'];

/** Case keys must be unique within a dataset version; files with repeated ids get a suffix (stable across runs). */
function caseKeys(items: ChoiceItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    return n === 1 ? item.id : `${item.id}#${n}`;
  });
}

/**
 * Stores a benchmark as an eval run, so `eval.runs.list/get/results`, the Evaluations screen and run comparison
 * work on it: the items become a dataset `benchmark:FORMAT` (the same file reuses its version, so two models'
 * runs share case keys and compare item by item), the run is named `benchmark:FORMAT`, and every item is one
 * result whose output is the chosen choice and whose metrics say whether each normalisation picked the gold one.
 */
export class BenchmarkRunStore {
  private readonly runs: EvalRunsRepo;
  private readonly datasets: DatasetsRepo;
  private caseIds: number[] = [];

  constructor(db: Db) {
    this.runs = new EvalRunsRepo(db);
    this.datasets = new DatasetsRepo(db);
  }

  start(format: BenchmarkFormat, model: string, items: ChoiceItem[], user: string): string {
    const keys = caseKeys(items);
    const cases: NewCase[] = items.map((item, i) => ({
      key: keys[i]!, vars: { context: item.context, choices: item.choices, subject: item.subject }, expected: item.choices[item.gold] ?? null,
      references: [], contexts: [], tags: [item.subject], human: null, assert: [],
    }));
    const name = `benchmark:${format}`;
    const { row } = this.datasets.addVersion({ name, description: `${format} items scored by log-likelihood (eval.benchmark.run)`, cases, source: BENCHMARK_SOURCE, user });
    const dataset = this.datasets.datasetById(row.dataset_id)!;
    this.caseIds = this.datasets.cases(row.id).map((c) => c.id);
    const suite: ResolvedSuite = {
      name, source: BENCHMARK_SOURCE,
      prompts: [{ key: format, ref: null, versionId: null, version: null, content: { kind: 'completion', system: '', user: '{{context}}', variables: [], params: {}, outputSchema: null, guard: null } }],
      models: [{ key: model, ref: model, options: {} }],
      dataset: { id: dataset.id, name: dataset.name, version: row.version, versionId: row.id },
      defaultVars: {}, defaultAssert: [], options: {}, metrics: METRICS, judge: null, rag: null, embeddingModel: null, thresholds: null, concurrency: null,
    };
    return this.runs.create({ name, suite, baselineRunId: null, totalItems: items.length, owner: `${process.pid}@benchmark`, user });
  }

  /** One scored item: `index` is its place in the items `start` was given. */
  record(runId: string, format: BenchmarkFormat, model: string, index: number, item: ChoiceItem, result: ItemResult, latencyMs: number): void {
    const hit = (pred: number): number => (pred === result.gold ? 1 : 0);
    this.runs.insertResult(runId, {
      caseId: this.caseIds[index]!, promptKey: format, promptVersionId: null, model, status: 'ok',
      rendered: { prompt: item.context, choices: item.choices, gold: result.gold, pred: result.pred, predNorm: result.predNorm, predNormChars: result.predNormChars, scores: result.scores },
      output: item.choices[result.pred] ?? '',
      metrics: { accuracy: hit(result.pred), accuracyNorm: hit(result.predNorm), accuracyNormChars: hit(result.predNormChars) },
      assertions: [], passed: result.pred === result.gold, judge: null, error: null, latencyMs,
      promptTokens: result.scores.reduce((sum, s) => sum + s.tokens, 0), completionTokens: 0,
    });
  }

  succeed(runId: string): void {
    const rows = this.runs.results(runId).rows;
    this.runs.finish(runId, { status: 'succeeded', summary: summarize(rows.map((r) => summaryInput(r, undefined))), gatePassed: null });
  }

  fail(runId: string, cancelled: boolean, error: { code: string; message: string }): void {
    this.runs.finish(runId, { status: cancelled ? 'cancelled' : 'failed', error: cancelled ? { code: 'CANCELLED', message: 'Cancelled; run the benchmark again' } : error });
  }
}
