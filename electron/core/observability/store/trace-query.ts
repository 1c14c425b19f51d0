import type { TraceFilters } from '../../contract/traces.api.js';
import { parseTimeRef } from './time-ref.js';

/** A WHERE clause with its bound parameters (never concatenated values). */
export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** Who may see what: their own traces only, or everyone's; always limited to traces whose access sets they may read. */
export interface TraceVisibility {
  user: string | null;
  readableAclSets: number[];
}

/** The filters of traces.list and traces.export as SQL over `traces t`. */
export function traceWhere(filters: TraceFilters, visibility: TraceVisibility, now = Date.now()): SqlWhere {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    clauses.push(sql);
    params.push(...values);
  };
  if (filters.from) add('t.started_at >= ?', parseTimeRef(filters.from, now));
  if (filters.to) add('t.started_at < ?', parseTimeRef(filters.to, now));
  if (visibility.user !== null) add('t.user = ?', visibility.user);
  if (filters.user) add('t.user = ?', filters.user);
  if (filters.model) add('t.model = ?', filters.model);
  if (filters.prompt) add(filters.prompt.includes('@') ? 't.prompt = ?' : "substr(t.prompt, 1, instr(t.prompt, '@') - 1) = ?", filters.prompt);
  if (filters.collection) add('t.collection_id IN (SELECT id FROM collections WHERE id = ?1 OR name = ?1 UNION SELECT ?1)'.replaceAll('?1', '?'), filters.collection, filters.collection, filters.collection);
  if (filters.operation) add('t.operation = ?', filters.operation);
  if (filters.status) add('t.status = ?', filters.status);
  if (filters.minLatencyMs !== undefined) add('t.duration_ms >= ?', filters.minLatencyMs);
  if (filters.maxLatencyMs !== undefined) add('t.duration_ms <= ?', filters.maxLatencyMs);
  if (filters.feedback === 'up') add('t.feedback = 1');
  if (filters.feedback === 'down') add('t.feedback = -1');
  if (filters.feedback === 'any') add('t.feedback IS NOT NULL');
  if (filters.feedback === 'none') add('t.feedback IS NULL');
  if (filters.minScore !== undefined) add('t.score >= ?', filters.minScore);
  if (filters.maxScore !== undefined) add('t.score <= ?', filters.maxScore);
  if (filters.jobId) add(`json_extract(t.attrs_json, '$."enclave.job.id"') = ?`, filters.jobId);
  if (filters.text) add('t.seq IN (SELECT rowid FROM traces_fts WHERE traces_fts MATCH ?)', ftsQuery(filters.text));
  // A trace that quoted a passage the caller may not read is not theirs to see (nor to count).
  add('NOT EXISTS (SELECT 1 FROM trace_acl a WHERE a.trace_seq = t.seq AND a.acl_set_id NOT IN (SELECT value FROM json_each(?)))', JSON.stringify(visibility.readableAclSets));
  return { sql: clauses.join(' AND '), params };
}

/** Words and "phrases" as quoted FTS5 terms (AND), a trailing * kept as a prefix: user text never becomes FTS syntax. */
export function ftsQuery(text: string): string {
  const terms = text.match(/"[^"]+"|\S+/g) ?? [];
  return terms
    .map((term) => {
      const prefix = term.endsWith('*') && !term.startsWith('"');
      const bare = term.replace(/^"|"$/g, '').replace(/\*$/, '').replaceAll('"', '');
      return bare.trim() === '' ? '' : `"${bare}"${prefix ? '*' : ''}`;
    })
    .filter(Boolean)
    .join(' ');
}
