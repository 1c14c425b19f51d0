import type { Output } from '../../api/contract.types.js';

export type AbTest = Output<'prompts.ab.list'>[number];
export type AbSignificance = NonNullable<AbTest['significance']>;

export const abStatusLabels: Record<AbTest['status'], string> = {
  running: 'running',
  promoted: 'promoted',
  rolled_back: 'rolled back',
  stopped: 'stopped',
};

/** A metric value with as many decimals as its size deserves; null (no outcomes yet) is a dash. */
export function formatMetric(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const size = Math.abs(value);
  const digits = size >= 100 ? 0 : size >= 10 ? 1 : size >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A p-value as a reader expects it: very small ones are bounded, the rest shown to three decimals. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'p = —';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** One line on the candidate − control difference, e.g. "candidate +0.120 (t = 2.31, df = 41.2, p = 0.026): significant". */
export function describeSignificance(s: AbSignificance): string {
  const sign = s.difference > 0 ? '+' : s.difference < 0 ? '−' : '±';
  const verdict = s.significant ? 'significant' : 'not significant';
  return `${s.metric}: candidate ${sign}${formatMetric(Math.abs(s.difference))} vs control (t = ${s.t.toFixed(2)}, df = ${s.df.toFixed(1)}, ${formatPValue(s.pValue)}): ${verdict}`;
}

/**
 * The decision an ended test recorded (who, why), as short "key: value" text: numbers rounded, objects as JSON, empty
 * values and the significance snapshot (the card shows the t-test already) left out.
 */
export function describeDecision(decision: AbTest['decision']): string {
  if (!decision) return '';
  return Object.entries(decision)
    .filter(([key, value]) => key !== 'significance' && value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : typeof value === 'number' ? String(Number(value.toPrecision(4))) : JSON.stringify(value)}`)
    .join(' · ');
}

/** What promoting a running test does, as its confirmation says it. */
export function describePromotion(test: AbTest): string {
  const version = (arm: 'control' | 'candidate') => test.arms.find((a) => a.arm === arm)?.version ?? '?';
  return `${test.controlLabel} moves from ${version('control')} to ${version('candidate')} (the version ${test.candidateLabel} points at) and the test ends; every caller of ${test.controlLabel} then gets ${version('candidate')}.`;
}
