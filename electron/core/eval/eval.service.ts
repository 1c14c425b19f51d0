import os from 'node:os';
import type { CallContext } from '../contract/context.js';
import type { EvalRun } from '../contract/eval.api.js';
import { AppError } from '../contract/errors.js';
import type { CoreServices } from '../services/core-services.js';
import type { JobControl } from '../jobs/job-runner.js';
import type { PromptRegistry } from '../prompts/prompt-registry.js';
import { compareRuns } from './compare/run-compare.js';
import type { DatasetsService } from './datasets/datasets.service.js';
import { evalError } from './eval-errors.js';
import { ragServices, type RagServices } from './rag/rag-bridge.js';
import { EvalRunsRepo, type RunRow } from './runs/eval-runs.repo.js';
import { generatorFor } from './runs/generator.js';
import { executeRun, type ExecutorDeps } from './runs/run-executor.js';
import { comparable, resultView, runView } from './runs/run-views.js';
import { withholdUnreadable } from './runs/result-access.js';
import { ContentAccess } from '../rag/content-access.js';
import { workItems } from './suites/resolved-suite.js';
import { loadSuite } from './suites/suite-loader.js';
import { resolveSuite } from './suites/suite-resolve.js';

type Services = Pick<CoreServices, 'db' | 'models' | 'inference' | 'events' | 'settings' | 'audit'>;

/** This process, as the owner of the runs it executes. */
const OWNER = `${process.pid}@${os.hostname()}`;

/** Eval runs: started from a suite, executed as jobs, resumable after a crash, compared, gated. */
export class EvalService {
  readonly repo: EvalRunsRepo;
  private readonly active = new Set<string>();
  /** The job executing each run of this process, so screens started elsewhere can cancel it. */
  private readonly jobs = new Map<string, string>();
  private rag: RagServices | undefined;
  private readonly executor: ExecutorDeps;

  constructor(private readonly s: Services, private readonly registry: PromptRegistry, private readonly datasets: DatasetsService) {
    this.repo = new EvalRunsRepo(s.db);
    this.executor = {
      repo: this.repo,
      cases: (versionId) => this.datasets.cases(versionId),
      generateFor: (jobId) => generatorFor(s.inference, jobId),
      rag: () => (this.rag ??= ragServices(s)),
      embedWith: (model) => async (texts) => (await s.inference.embed(model, texts, 'evaluation')).vectors,
    };
  }

  private deps() {
    return { registry: this.registry, datasets: this.datasets, models: this.s.models, rag: this.executor.rag };
  }

  async validate(input: { suite?: string | undefined; path?: string | undefined }, ctx: CallContext) {
    const { suite, source } = await loadSuite(input);
    const resolved = await resolveSuite(suite, source, this.deps(), ctx);
    const cases = this.datasets.cases(resolved.dataset.versionId).length;
    const assertions = [...new Set([...resolved.defaultAssert.map((a) => a.type), ...this.datasets.cases(resolved.dataset.versionId).flatMap((c) => c.assert.map((a) => String(a.type)))])];
    return {
      name: resolved.name, prompts: resolved.prompts.map((p) => p.version ?? p.key), models: resolved.models.map((m) => m.key), cases,
      items: cases * resolved.prompts.length * resolved.models.length, assertions, gate: resolved.thresholds !== null,
    };
  }

  /** Parses, resolves and records the run before its job starts, so a bad suite fails the call itself. */
  async prepare(input: { suite?: string | undefined; path?: string | undefined; baseline?: string | undefined; name?: string | undefined }, ctx: CallContext): Promise<string> {
    const { suite, source } = await loadSuite(input);
    const resolved = await resolveSuite(suite, source, this.deps(), ctx);
    if (input.baseline !== undefined) this.row(input.baseline);
    const total = workItems(resolved, this.datasets.cases(resolved.dataset.versionId).map((c) => c.id)).length;
    const runId = this.repo.create({ name: input.name ?? resolved.name, suite: resolved, baselineRunId: input.baseline ?? null, totalItems: total, owner: OWNER, user: ctx.user });
    this.active.add(runId);
    return runId;
  }

  async execute(runId: string, job: JobControl, ctx: CallContext, concurrency: number | undefined): Promise<EvalRun> {
    this.active.add(runId);
    this.jobs.set(runId, job.jobId);
    try {
      const suite = JSON.parse(this.row(runId).suite_json) as { concurrency: number | null };
      return await executeRun(this.executor, runId, job, ctx, concurrency ?? suite.concurrency ?? this.s.settings.get().parallelSequences);
    } finally {
      this.active.delete(runId);
      this.jobs.delete(runId);
    }
  }

  /** A run may be resumed unless it finished or another live process is executing it. */
  claimForResume(runId: string): void {
    const row = this.row(runId);
    if (row.status === 'succeeded') throw new AppError('INVALID_INPUT', `Eval run ${runId} already finished; start a new run instead`);
    // A benchmark's run has nothing to generate: it is scored again with `eval.benchmark.run`, never resumed here.
    if ((JSON.parse(row.suite_json) as { source?: string }).source === 'benchmark') throw new AppError('INVALID_INPUT', `Eval run ${runId} is a benchmark run; run the benchmark again instead`);
    if (row.status === 'running' && !this.interrupted(row)) throw evalError('EVAL_RUN_ACTIVE', `Eval run ${runId} is still running (${row.owner}); cancel it first or wait`);
    this.repo.claim(runId, OWNER);
    this.active.add(runId);
  }

  /** A 'running' run whose owner process is gone: it crashed or was killed. */
  interrupted(row: RunRow): boolean {
    if (row.status !== 'running') return false;
    if (row.owner === null) return true;
    if (row.owner === OWNER) return !this.active.has(row.id);
    const [pid, host] = row.owner.split('@');
    if (host !== os.hostname()) return false;
    try {
      process.kill(Number(pid), 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  row(runId: string): RunRow {
    const row = this.repo.get(runId);
    if (!row) throw evalError('EVAL_RUN_NOT_FOUND', `No eval run ${runId}; \`enclave eval list\` shows them`);
    return row;
  }

  get(runId: string): EvalRun {
    const row = this.row(runId);
    return runView(row, this.interrupted(row), this.jobs.get(row.id) ?? null);
  }

  list(limit: number): EvalRun[] {
    return this.repo.list(limit).map((row) => runView(row, this.interrupted(row), this.jobs.get(row.id) ?? null));
  }

  results(runId: string, options: { offset: number; limit: number; failedOnly: boolean; caseKey?: string | undefined }, ctx: CallContext) {
    const row = this.row(runId);
    const suite = JSON.parse(row.suite_json) as Parameters<typeof resultView>[2];
    const cases = new Map(this.datasets.cases(row.dataset_version_id).map((c) => [c.id, c]));
    const { total, rows } = this.repo.results(runId, options);
    const access = new ContentAccess(this.repo.db);
    return { total, items: rows.map((r) => withholdUnreadable(resultView(r, cases.get(r.case_id), suite), ctx, access)) };
  }

  compare(base: string, head: string, metrics: string[] | undefined, significance: number) {
    this.row(base);
    this.row(head);
    return compareRuns(base, head, this.repo.results(base).rows.map(comparable), this.repo.results(head).rows.map(comparable), { metrics, significance });
  }
}
