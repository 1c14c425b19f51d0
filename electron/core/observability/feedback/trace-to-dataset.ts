import type { Db } from '../../../../native/sqlite/open.js';
import type { NewCase } from '../../eval/datasets/case-shape.js';
import { DatasetsRepo } from '../../eval/datasets/datasets.repo.js';
import type { TraceDbRow } from '../store/traces.repo.js';

/**
 * A trace becomes a golden case in a new version of a dataset (created when missing): its input, the passages it
 * quoted as contexts, what it answered, and the latest corrected answer as the expected output. The case key is
 * derived from the trace, so adding the same trace again replaces its case instead of duplicating it.
 */
export function addTraceToDataset(db: Db, row: TraceDbRow, dataset: string, user: string, note?: string): { dataset: string; version: number; caseKey: string; cases: number; reused: boolean } {
  const repo = new DatasetsRepo(db);
  const correction = (db.prepare('SELECT correction FROM trace_feedback WHERE trace_id = ? AND correction IS NOT NULL ORDER BY id DESC LIMIT 1').get(row.id) as { correction: string } | undefined)?.correction ?? null;
  const key = `trace-${row.id.slice(0, 8)}`;
  const tags = ['from-trace', row.operation, ...(row.feedback === -1 ? ['thumbs-down'] : row.feedback === 1 ? ['thumbs-up'] : [])];
  const added: NewCase = {
    key, vars: { input: row.input, output: row.output, traceId: row.id }, expected: correction, references: correction ? [correction] : [],
    contexts: contextsOf(db, row.id), tags, human: null, assert: [],
  };
  const existing = repo.byName(dataset);
  const latest = existing ? repo.version(existing.id) : undefined;
  const base: NewCase[] = latest
    ? repo.cases(latest.id).filter((c) => c.key !== key).map(({ id: _id, ...c }) => ({ ...c, key: c.key ?? null } as NewCase))
    : [];
  const cases = [...base, added];
  const { row: version, reused } = repo.addVersion({ name: dataset, cases, source: `trace ${row.id}`, note: note ?? `case ${key} from trace ${row.id}`, user });
  return { dataset, version: version.version, caseKey: key, cases: cases.length, reused };
}

/** The passages a RAG ask quoted (from its RAG trace), as the case's contexts. */
function contextsOf(db: Db, traceId: string): string[] {
  const rag = db.prepare('SELECT retrieved_json FROM rag_traces WHERE id = ?').get(traceId) as { retrieved_json: string } | undefined;
  if (!rag) return [];
  const ids = (JSON.parse(rag.retrieved_json) as Array<{ chunkId: number }>).map((r) => r.chunkId);
  if (ids.length === 0) return [];
  const rows = db.prepare(`SELECT id, text FROM chunks WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<{ id: number; text: string }>;
  const byId = new Map(rows.map((r) => [r.id, r.text]));
  return ids.map((id) => byId.get(id)).filter((t): t is string => t !== undefined);
}
