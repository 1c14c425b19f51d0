import { AppError } from '../../contract/errors.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `15m`, `1h`, `7d` back from `now`, or an ISO time, as epoch milliseconds. */
export function parseTimeRef(ref: string, now = Date.now()): number {
  const span = /^(\d+)([smhdw])$/.exec(ref.trim());
  if (span) return now - Number(span[1]) * UNIT_MS[span[2]!]!;
  const at = Date.parse(ref);
  if (Number.isNaN(at)) throw new AppError('INVALID_INPUT', `"${ref}" is not a time: use an ISO date (2026-01-31T10:00:00Z) or a span back from now (15m, 1h, 7d)`);
  return at;
}
