import { createHash } from 'node:crypto';
import type { CallContext } from '../../contract/context.js';
import { AppError } from '../../contract/errors.js';
import type { AbTest } from '../../contract/prompts.api.js';
import { lowerIsBetter } from '../../eval/compare/run-compare.js';
import { moments, welchTTest } from '../../eval/stats/significance.js';
import { promptError } from '../prompt-errors.js';
import type { PromptRegistry } from '../prompt-registry.js';
import type { AbTestRow, AbTestsRepo, Arm } from './ab-tests.repo.js';

const SIGNIFICANCE_LEVEL = 0.05;

export interface NewTest {
  prompt: string;
  name?: string | undefined;
  controlLabel: string;
  candidateLabel: string;
  candidatePercent: number;
  monitor: { metric: string; threshold: number | null; minSamples: number };
}

/** A subject's bucket in [0, 100): a hash, so the split is uniform and the same subject always lands alike. */
export function bucketOf(testId: string, subject: string): number {
  const digest = createHash('sha256').update(`${testId}\0${subject}`).digest();
  return (digest.readUInt32BE(0) / 2 ** 32) * 100;
}

/**
 * A/B tests between two labelled versions of a prompt (each arm pinned to the version its label pointed at when the
 * test started): sticky assignment by percentage, outcomes per arm, Welch's
 * t-test on the monitored metric, promotion (the control label moves to the candidate's version) and rollback,
 * automatic when the candidate's mean crosses the threshold (falls below it; rises above it for latency-like metrics)
 * once it has enough outcomes.
 */
export class AbTestService {
  constructor(private readonly repo: AbTestsRepo, private readonly registry: PromptRegistry) {}

  create(input: NewTest, ctx: CallContext): AbTest {
    const prompt = this.registry.prompt(input.prompt);
    const control = this.registry.versionOf(prompt, input.controlLabel);
    const candidate = this.registry.versionOf(prompt, input.candidateLabel);
    if (input.controlLabel.toLowerCase() === input.candidateLabel.toLowerCase()) throw new AppError('INVALID_INPUT', 'The control and candidate arms need two different labels');
    const running = this.repo.running(prompt.id);
    if (running) throw new AppError('INVALID_INPUT', `Prompt "${prompt.name}" already has a running A/B test (${running.name}, ${running.id}); promote or roll it back first`);
    const row = this.repo.create({
      prompt_id: prompt.id, name: input.name ?? `${input.controlLabel} vs ${input.candidateLabel}`, control_label: input.controlLabel, candidate_label: input.candidateLabel,
      candidate_percent: input.candidatePercent, monitor_metric: input.monitor.metric, monitor_threshold: input.monitor.threshold, monitor_min_samples: input.monitor.minSamples,
      control_version: control.version, candidate_version: candidate.version, created_by: ctx.user,
    });
    return this.view(row);
  }

  get(testId: string): AbTest {
    return this.view(this.row(testId));
  }

  list(prompt?: string): AbTest[] {
    return this.repo.list(prompt ? this.registry.prompt(prompt).id : undefined).map((row) => this.view(row));
  }

  /** The subject's arm: kept from its first assignment; after the test ended, everyone gets the control label. */
  assign(testId: string, subject: string): { arm: Arm; label: string; version: string; sticky: boolean } {
    const row = this.row(testId);
    let arm: Arm = 'control';
    let sticky = false;
    if (row.status === 'running') {
      const existing = this.repo.assignment(row.id, subject);
      sticky = existing !== undefined;
      arm = existing ?? this.repo.assign(row.id, subject, bucketOf(row.id, subject) < row.candidate_percent ? 'candidate' : 'control');
    }
    const label = arm === 'candidate' ? row.candidate_label : row.control_label;
    // While the test runs an arm runs its pinned version; afterwards everyone follows the control label.
    const version = row.status === 'running' ? this.armVersion(row, arm) : this.registry.versionOf(this.registry.prompt(row.prompt_id), label).version;
    return { arm, label, version, sticky };
  }

  /** The running test of a prompt and the subject's arm in it, for `prompts.resolve` with a subject. */
  assignForPrompt(promptId: string, subject: string): { testId: string; arm: Arm; label: string; version: string } | null {
    const row = this.repo.running(promptId);
    if (!row) return null;
    const { arm, label, version } = this.assign(row.id, subject);
    return { testId: row.id, arm, label, version };
  }

  record(input: { testId: string; subject?: string | undefined; arm?: Arm | undefined; metric: string; value: number }): { recorded: boolean; test: AbTest; autoRolledBack: boolean } {
    const row = this.row(input.testId);
    const arm = input.arm ?? (input.subject !== undefined ? this.repo.assignment(row.id, input.subject) : undefined);
    if (!arm) throw new AppError('INVALID_INPUT', `Subject "${input.subject ?? ''}" was never assigned an arm in test ${row.id}; assign it first or pass the arm`);
    // Outcomes that arrive after the decision are kept out: they would blur what the decision was based on.
    if (row.status !== 'running') return { recorded: false, test: this.view(row), autoRolledBack: false };
    this.repo.record(row.id, arm, input.subject, input.metric, input.value);
    const autoRolledBack = input.metric === row.monitor_metric && this.checkAutomaticRollback(row);
    return { recorded: true, test: this.get(row.id), autoRolledBack };
  }

  /** The control label moves to the candidate's version (protected-label rules apply), and the test ends. */
  promote(testId: string, ctx: CallContext): AbTest {
    const row = this.running(testId);
    const prompt = this.registry.prompt(row.prompt_id);
    // The control label moves to the version the candidate arm ran, even if the candidate label moved since.
    const versions = this.versionsNow(row);
    this.registry.setLabel({ prompt: prompt.name, label: row.control_label, version: versions.candidate }, ctx, 'promote');
    this.repo.end(row.id, 'promoted', { reason: 'manual', by: ctx.user, version: versions.candidate, significance: this.significance(row), versions });
    return this.get(row.id);
  }

  rollback(testId: string, reason: string | undefined, ctx: CallContext): AbTest {
    const row = this.running(testId);
    this.repo.end(row.id, 'rolled_back', { reason: reason ?? 'manual', by: ctx.user, significance: this.significance(row), versions: this.versionsNow(row) });
    return this.get(row.id);
  }

  private checkAutomaticRollback(row: AbTestRow): boolean {
    if (row.monitor_threshold === null) return false;
    const values = this.repo.values(row.id, row.monitor_metric, 'candidate');
    if (values.length < row.monitor_min_samples) return false;
    const { mean } = moments(values);
    // For latency-like metrics a smaller value is better: the candidate fails by rising above the threshold.
    const lower = lowerIsBetter.has(row.monitor_metric);
    if (lower ? mean <= row.monitor_threshold : mean >= row.monitor_threshold) return false;
    return this.repo.end(row.id, 'rolled_back', {
      reason: 'automatic', by: 'system', metric: row.monitor_metric, candidateMean: mean, threshold: row.monitor_threshold, lowerIsBetter: lower, samples: values.length,
      significance: this.significance(row), versions: this.versionsNow(row),
    });
  }

  private significance(row: AbTestRow): AbTest['significance'] {
    const control = moments(this.repo.values(row.id, row.monitor_metric, 'control'));
    const candidate = moments(this.repo.values(row.id, row.monitor_metric, 'candidate'));
    const test = welchTTest(control, candidate);
    return test && { metric: row.monitor_metric, ...test, t: Number.isFinite(test.t) ? test.t : Math.sign(test.t) * Number.MAX_VALUE, significant: test.pValue < SIGNIFICANCE_LEVEL };
  }

  /** The version an arm runs: pinned at the start; for tests from before pinning, where its label points now. */
  private armVersion(row: AbTestRow, arm: Arm): string {
    const pinned = arm === 'control' ? row.control_version : row.candidate_version;
    if (pinned) return pinned;
    try {
      return this.registry.versionOf(this.registry.prompt(row.prompt_id), arm === 'control' ? row.control_label : row.candidate_label).version;
    } catch {
      return '(label removed)';
    }
  }

  /** The versions the arms run (recorded when a test ends, so the decision says what was compared). */
  private versionsNow(row: AbTestRow): Record<Arm, string> {
    return { control: this.armVersion(row, 'control'), candidate: this.armVersion(row, 'candidate') };
  }

  private view(row: AbTestRow): AbTest {
    const prompt = this.registry.prompt(row.prompt_id);
    const subjects = this.repo.subjects(row.id);
    const decision = row.decision_json ? (JSON.parse(row.decision_json) as { versions?: Record<Arm, string> }) : null;
    // An ended test shows the versions it compared; a running one, where its labels point now.
    const versions = decision?.versions ?? this.versionsNow(row);
    const arms = (['control', 'candidate'] as const).map((arm) => {
      const label = arm === 'control' ? row.control_label : row.candidate_label;
      const version = versions[arm];
      const m = moments(this.repo.values(row.id, row.monitor_metric, arm));
      return { arm, label, version, subjects: subjects[arm], n: m.n, mean: m.n ? m.mean : null, sd: m.n ? m.sd : null };
    });
    return {
      id: row.id, prompt: prompt.name, name: row.name, controlLabel: row.control_label, candidateLabel: row.candidate_label, candidatePercent: row.candidate_percent,
      monitor: { metric: row.monitor_metric, threshold: row.monitor_threshold, minSamples: row.monitor_min_samples }, status: row.status,
      decision: row.decision_json ? (JSON.parse(row.decision_json) as Record<string, unknown>) : null, arms, significance: this.significance(row), createdAt: row.created_at, endedAt: row.ended_at,
    };
  }

  private row(testId: string): AbTestRow {
    const row = this.repo.get(testId);
    if (!row) throw promptError('AB_TEST_NOT_FOUND', `No A/B test ${testId}; \`prompts.ab.list\` shows them`);
    return row;
  }

  private running(testId: string): AbTestRow {
    const row = this.row(testId);
    if (row.status !== 'running') throw new AppError('INVALID_INPUT', `A/B test ${row.name} already ended (${row.status})`);
    return row;
  }
}
