import type { IntegrityProblem, IntegrityReport, ProblemKind } from './audit.types.js';

export const MAX_PROBLEMS = 1000;

/** Collects problems up to a cap (a wholesale rewrite must not produce a million-line report). */
export class ProblemList {
  private readonly items: IntegrityProblem[] = [];
  private dropped = 0;

  constructor(private readonly max = MAX_PROBLEMS) {}

  add(kind: ProblemKind, seq: number | null, line: number | null, reason: string): void {
    if (this.items.length < this.max) this.items.push({ kind, seq, line, reason });
    else this.dropped++;
  }

  /** Takes over problems found elsewhere (another range, a worker), with how many were dropped there. */
  addAll(problems: readonly IntegrityProblem[], dropped = 0): void {
    for (const p of problems) this.add(p.kind, p.seq, p.line, p.reason);
    this.dropped += dropped;
  }

  /** Whether a problem is already reported for some seq in from..to (a more precise one than a range). */
  hasSeqIn(from: number, to: number): boolean {
    return this.items.some((p) => p.seq !== null && p.seq >= from && p.seq <= to);
  }

  get size(): number {
    return this.items.length + this.dropped;
  }

  report(summary: Omit<IntegrityReport, 'ok' | 'problems' | 'truncatedProblems'>): IntegrityReport {
    const last = Number.MAX_SAFE_INTEGER;
    const problems = [...this.items].sort((a, b) => (a.line ?? last) - (b.line ?? last) || (a.seq ?? last) - (b.seq ?? last));
    return { ok: this.size === 0, ...summary, problems, truncatedProblems: this.dropped };
  }
}

/** `5`, or `5..9` for a range. */
export function seqRange(from: number, to: number): string {
  return from === to ? `${from}` : `${from}..${to}`;
}
