import type { AuditEntry, Input } from '../../api/contract.types.js';

export type AuditOutcome = AuditEntry['outcome'];
export const auditOutcomes: readonly AuditOutcome[] = ['success', 'failure', 'denied', 'blocked'];

/** The parameters of `audit.list` (the schema lets the whole object be left out; this screen always sends one). */
export type AuditListParams = NonNullable<Input<'audit.list'>>;

export interface AuditFilterForm {
  actor: string;
  /** Matched as a prefix: `inference` finds `inference.generate` and `inference.generate.completed`. */
  action: string;
  outcome: AuditOutcome | '';
  /** `YYYY-MM-DD` from a date input, or ''. */
  since: string;
  until: string;
}

export const emptyAuditFilter: AuditFilterForm = { actor: '', action: '', outcome: '', since: '', until: '' };

/** Midnight of a local calendar day (a date input's value) as an ISO timestamp, `days` later. */
function localDay(value: string, days = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).toISOString();
}

/**
 * The `audit.list` parameters for a filter form. The core matches `action` exactly, so the action is not sent:
 * the list keeps the entries whose action starts with it (see `matchesAction`). `until` includes its whole day.
 */
export function listParams(form: AuditFilterForm, limit: number, beforeSeq: number | null): AuditListParams {
  const params: AuditListParams = { limit };
  const actor = form.actor.trim();
  if (actor !== '') params.actor = actor;
  if (form.outcome !== '') params.outcome = form.outcome;
  const since = localDay(form.since);
  const until = localDay(form.until, 1);
  if (since) params.since = since;
  if (until) params.until = until;
  if (beforeSeq !== null) params.beforeSeq = beforeSeq;
  return params;
}

/** Whether an entry's action starts with the typed text (case-insensitive); empty text matches all. */
export function matchesAction(entry: Pick<AuditEntry, 'action'>, typed: string): boolean {
  const wanted = typed.trim().toLowerCase();
  return wanted === '' || entry.action.toLowerCase().startsWith(wanted);
}

/** The first characters of a SHA-256 hex digest, enough to tell entries apart on screen. */
export function shortHash(hash: string | null, length = 10): string {
  return hash === null ? '—' : hash.slice(0, length);
}

/** A payload as readable, indented JSON; text that is not JSON-serialisable falls back to its string form. */
export function formatPayload(payload: unknown): string {
  try {
    return JSON.stringify(payload, null, 2) ?? String(payload);
  } catch {
    return String(payload);
  }
}
