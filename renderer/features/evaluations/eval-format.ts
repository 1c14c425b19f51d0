import type { ClientError } from '../../api/client.js';
import type { EvalRun, GateReport, RunState } from './eval-types.js';

const DASH = '—';

/** A share (0–1) as a percentage with at most one decimal: 0.75 → "75%", 2/3 → "66.7%". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  return `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** A metric value with precision that fits its size: 0.4321 → "0.432", 12.34 → "12.3", 1234.5 → "1,235". */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  const size = Math.abs(value);
  if (size >= 100) return Math.round(value).toLocaleString('en-US');
  if (size >= 10) return value.toFixed(1);
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(3);
}

/** A signed difference: "+0.120", "-0.050", "0". */
export function formatDelta(delta: number): string {
  if (!Number.isFinite(delta)) return DASH;
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : '-'}${formatMetric(Math.abs(delta))}`;
}

/** A confidence interval of a difference: "[-0.100, +0.020]". */
export function formatCi([low, high]: readonly [number, number]): string {
  return `[${formatDelta(low)}, ${formatDelta(high)}]`;
}

export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return DASH;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Milliseconds: "840 ms", "2.35 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return DASH;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** A timestamp in the reader's locale; an unreadable one as it came. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function runState(run: Pick<EvalRun, 'status' | 'interrupted'>): RunState {
  return run.interrupted ? 'interrupted' : run.status;
}

/** Cancelled, failed and interrupted runs continue where they stopped; finished cases are not run again. */
export function canResume(run: Pick<EvalRun, 'status' | 'interrupted'>): boolean {
  return run.interrupted || run.status === 'cancelled' || run.status === 'failed';
}

/** Only a run that is working now can be cancelled (an interrupted one has no process left to stop). */
export function canCancel(run: Pick<EvalRun, 'status' | 'interrupted'>): boolean {
  return run.status === 'running' && !run.interrupted;
}

/**
 * Why Cancel is offered but cannot act: a working run that no job of this core executes (jobId null) is run by
 * another process (the CLI, another app) or is one whose process just went and is not yet seen as interrupted.
 * Null when Cancel stops the run's job.
 */
export function cancelBlocked(run: Pick<EvalRun, 'status' | 'interrupted' | 'jobId'>): string | null {
  if (!canCancel(run) || run.jobId !== null) return null;
  return 'Run by another process, or its process is gone: cancel it where it runs (a run whose process is gone turns interrupted, and Resume continues it)';
}

/** Items done out of all, as a fraction 0–1 (1 for an empty run). */
export function progressOf(run: Pick<EvalRun, 'doneItems' | 'totalItems'>): number {
  return run.totalItems > 0 ? Math.min(1, run.doneItems / run.totalItems) : 1;
}

export function datasetLabel(run: Pick<EvalRun, 'dataset'>): string {
  return `${run.dataset.name}@${run.dataset.version}`;
}

/**
 * A prompt of a run, once: the registry version it was pinned to (`story@1.0.0`), with the label it was resolved from
 * when that differs (`story@production → 1.0.0`), after the suite's id for it when it has one of its own.
 * `version` is `name@1.0.0` and `ref` is the suite's text, which by default is also the key.
 */
export function promptLabel(prompt: EvalRun['prompts'][number]): string {
  if (prompt.ref === null) return prompt.key;
  const at = prompt.ref.lastIndexOf('@');
  const name = at < 0 ? prompt.ref : prompt.ref.slice(0, at);
  const version = prompt.version === null || prompt.version.includes('@') ? prompt.version : `${name}@${prompt.version}`;
  let pinned = prompt.ref;
  if (version !== null && version !== prompt.ref) pinned = `${prompt.ref} → ${version.startsWith(`${name}@`) ? version.slice(name.length + 1) : version}`;
  return prompt.key === prompt.ref || prompt.key === version ? pinned : `${prompt.key} (${pinned})`;
}

export function gateLabel(gate: GateReport | null): 'pass' | 'fail' | typeof DASH {
  if (gate === null) return DASH;
  return gate.passed ? 'pass' : 'fail';
}

export interface SuiteProblem {
  line: number | null;
  column: number | null;
  path: string;
  message: string;
}

/**
 * The problems of a rejected suite (SUITE_INVALID carries them in `details.problems`), in line order; problems
 * without a line (a model that is not installed) come last. Empty when the error is of another kind.
 */
export function suiteProblems(error: Pick<ClientError, 'details'>): SuiteProblem[] {
  const problems = (error.details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [];
  const list: SuiteProblem[] = [];
  for (const raw of problems as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const p = raw as Record<string, unknown>;
    if (typeof p.message !== 'string') continue;
    list.push({
      line: typeof p.line === 'number' ? p.line : null,
      column: typeof p.column === 'number' ? p.column : null,
      path: typeof p.path === 'string' ? p.path : '',
      message: p.message,
    });
  }
  return list.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

/** A variable's value as text: strings as they are, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The prompt a model saw, as text: a completion prompt as is, a chat as "role: content" blocks, a RAG question
 * as the question. Anything else (a shape this screen does not know yet) as indented JSON; null when none.
 */
export function renderedText(rendered: unknown): string | null {
  if (rendered === null || rendered === undefined) return null;
  if (typeof rendered === 'string') return rendered;
  if (typeof rendered !== 'object') return String(rendered);
  const r = rendered as { prompt?: unknown; messages?: unknown; question?: unknown };
  if (typeof r.prompt === 'string') return r.prompt;
  if (Array.isArray(r.messages)) {
    return (r.messages as unknown[])
      .map((m) => {
        const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
        return `${typeof role === 'string' ? role : '?'}: ${typeof content === 'string' ? content : formatValue(content)}`;
      })
      .join('\n\n');
  }
  if (typeof r.question === 'string') return r.question;
  return JSON.stringify(rendered, null, 2);
}

/** Claims a RAG answer made that its context does not support, when the core recorded them. */
export function unsupportedClaims(rendered: unknown): string[] {
  const claims = (rendered as { unsupportedClaims?: unknown } | null)?.unsupportedClaims;
  if (!Array.isArray(claims)) return [];
  return claims.map((c) => (typeof c === 'string' ? c : typeof (c as { text?: unknown })?.text === 'string' ? (c as { text: string }).text : formatValue(c)));
}

/**
 * A model as a person knows it: suites may name a model by its id, so an id of an installed model shows as its
 * name. Labels and names are shown as they are.
 */
export function modelLabel(key: string, models: readonly { id: string; name: string }[]): string {
  return models.find((m) => m.id === key)?.name ?? key;
}

/** Where a line (1-based) starts and ends in a text, to select it in the suite editor; null past the end. */
export function lineRange(text: string, line: number): { start: number; end: number } | null {
  if (!Number.isInteger(line) || line < 1) return null;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return null;
    start = next + 1;
  }
  const newline = text.indexOf('\n', start);
  return { start, end: newline < 0 ? text.length : newline };
}
