import type { Output } from '../../api/contract.types.js';
import type { EvalRun } from './eval-types.js';

type JobInfo = Output<'jobs.list'>[number];

/** The kind the core gives eval run jobs (eval.runs.start and eval.runs.resume). */
export const EVAL_RUN_JOB = 'eval.run';

/**
 * Which job works on which running run, for runs whose job this window did not start (the contract names neither
 * the run of a job nor the job of a run). `known` holds the pairs this window knows; the rest are paired only when
 * exactly one running run and exactly one running eval job are left, so a guess never cancels the wrong run.
 */
export function matchRunJobs(runs: readonly Pick<EvalRun, 'id' | 'status' | 'interrupted'>[], jobs: readonly JobInfo[], known: Readonly<Record<string, string>>): Record<string, string> {
  const running = runs.filter((r) => r.status === 'running' && !r.interrupted);
  const liveJobs = jobs.filter((j) => j.kind === EVAL_RUN_JOB && j.state === 'running');
  const liveIds = new Set(liveJobs.map((j) => j.id));
  const matched: Record<string, string> = {};
  for (const run of running) {
    const jobId = known[run.id];
    if (jobId !== undefined && liveIds.has(jobId)) matched[run.id] = jobId;
  }
  const taken = new Set(Object.values(matched));
  const runsLeft = running.filter((r) => matched[r.id] === undefined);
  const jobsLeft = liveJobs.filter((j) => !taken.has(j.id));
  if (runsLeft.length === 1 && jobsLeft.length === 1) matched[runsLeft[0]!.id] = jobsLeft[0]!.id;
  return matched;
}

/**
 * The run a just-started job works on: the one running run that was not on the list before the start. Null when
 * that is not clear (another start happened at the same moment); the list then pairs it by matchRunJobs.
 */
export function newRunningRun(before: readonly Pick<EvalRun, 'id'>[], after: readonly Pick<EvalRun, 'id' | 'status'>[]): string | null {
  const old = new Set(before.map((r) => r.id));
  const fresh = after.filter((r) => !old.has(r.id) && r.status === 'running');
  return fresh.length === 1 ? fresh[0]!.id : null;
}
