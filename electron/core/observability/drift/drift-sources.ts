import type { Db } from '../../../../native/sqlite/open.js';
import { AppError } from '../../contract/errors.js';
import { parseTimeRef } from '../store/time-ref.js';
import { traceWhere, type TraceVisibility } from '../store/trace-query.js';

export interface TrafficSample {
  inputs: string[];
  rows: Array<{ output: string; status: string; feedback: number | null; score: number | null }>;
}

/** `FROM..TO` as epoch milliseconds: each end an ISO time or a span back from now (`14d..7d`; an empty TO is now). */
export function parseWindow(window: string, now = Date.now()): { from: number; to: number } {
  const at = window.indexOf('..');
  const from = window.slice(0, at);
  const to = window.slice(at + 2);
  const range = { from: parseTimeRef(from ?? '', now), to: to ? parseTimeRef(to, now) : now };
  if (range.from >= range.to) throw new AppError('INVALID_INPUT', `The window "${window}" is empty: FROM must come before TO`);
  return range;
}

/** An evenly spread sample of the traffic's inputs (and outputs) in a window, only of traces the caller may read. */
export function trafficSample(db: Db, window: string, visibility: TraceVisibility, sample: number, operation?: string): TrafficSample {
  const { from, to } = parseWindow(window);
  const where = traceWhere({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(operation ? { operation } : {}) }, visibility);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM traces t WHERE ${where.sql} AND t.input != ''`).get(...where.params) as { n: number }).n;
  const step = Math.max(1, Math.floor(total / sample));
  const rows = db.prepare(`SELECT input, output, status, feedback, score FROM (SELECT t.*, ROW_NUMBER() OVER (ORDER BY t.started_at) AS n FROM traces t
    WHERE ${where.sql} AND t.input != '') WHERE n % ? = 0 LIMIT ?`).all(...where.params, step, sample) as Array<{ input: string; output: string; status: string; feedback: number | null; score: number | null }>;
  return { inputs: rows.map((r) => r.input), rows };
}
