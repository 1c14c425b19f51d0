import type { Db } from '../../../../native/sqlite/open.js';
import { checkDrift, outputStats, type DriftReport } from './drift-check.js';
import { trafficSample } from './drift-sources.js';

/** Every trace counts for a system check (a rule or the weekly schedule): no caller, so no access list narrows it. */
function everyTrace(db: Db): { user: null; readableAclSets: number[] } {
  const ids = (db.prepare('SELECT DISTINCT acl_set_id AS id FROM trace_acl').all() as Array<{ id: number }>).map((r) => r.id);
  return { user: null, readableAclSets: ids };
}

export type TrafficDriftReport = DriftReport & { baselineWindow: string; currentWindow: string; outputs: { baseline: Record<string, number | null>; current: Record<string, number | null> } };

/**
 * Input drift of the last `minutes` of traffic against the `minutes` before (ISO windows, so the answer does not
 * depend on when the sample is read). Null when either side has fewer than `minInputs` inputs: too little to say.
 */
export function trafficDrift(db: Db, minutes: number, now: number, options: { threshold?: number; minInputs?: number; sample?: number; operation?: string } = {}): TrafficDriftReport | null {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const span = minutes * 60_000;
  const baselineWindow = `${iso(now - 2 * span)}..${iso(now - span)}`;
  const currentWindow = `${iso(now - span)}..${iso(now)}`;
  const visibility = everyTrace(db);
  const a = trafficSample(db, baselineWindow, visibility, options.sample ?? 1000, options.operation);
  const b = trafficSample(db, currentWindow, visibility, options.sample ?? 1000, options.operation);
  const min = Math.max(2, options.minInputs ?? 2);
  if (a.inputs.length < min || b.inputs.length < min) return null;
  const report = checkDrift(a.inputs, b.inputs, options.threshold === undefined ? {} : { threshold: options.threshold });
  return { ...report, baselineWindow, currentWindow, outputs: { baseline: outputStats(a.rows), current: outputStats(b.rows) } };
}
