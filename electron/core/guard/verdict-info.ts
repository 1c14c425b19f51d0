import type { GuardVerdictInfo } from '../contract/schemas.js';
import type { GuardVerdict } from './guard-pipeline.js';

/** A verdict as results, traces and the audit trail keep it: no finding spans, so no raw values can be rebuilt. */
export function verdictInfo(v: GuardVerdict, extraReasons: readonly string[] = []): GuardVerdictInfo {
  return {
    stage: v.stage, scanner: v.scanner, outcome: v.outcome, score: v.score, reasons: [...v.reasons, ...extraReasons],
    ...(v.chunk !== undefined ? { chunk: v.chunk } : {}),
  };
}

/** Outcomes that changed or withheld content: what anomaly alerts count. */
export const interventionOutcomes: ReadonlySet<string> = new Set(['blocked', 'dropped', 'replaced']);
