import type { Db } from '../../../../native/sqlite/open.js';
import { bridgeRagTrace } from '../../observability/instrument/rag-tracing.js';

export interface Trace {
  id: string;
  collectionId: string;
  user: string;
  query: string;
  retrieved: Array<{ chunkId: number; score: number }>;
  prompt: string;
  output: string;
  citations: unknown;
  timings: Record<string, number>;
  promptTokens: number;
  completionTokens: number;
  createdAt: string;
}

/** Every ask is recorded: who asked what, what was retrieved, the exact prompt and output, timings and tokens. */
export class TracesRepo {
  constructor(private readonly db: Db) {}

  insert(trace: Trace): void {
    // Each passage keeps its access set with the trace: the prompt and answer are as secret as what they quote.
    const aclOf = new Map((trace.retrieved.length === 0 ? [] : (this.db.prepare(`SELECT id, acl_set_id FROM chunks WHERE id IN (${trace.retrieved.map(() => '?').join(',')})`)
      .all(...trace.retrieved.map((r) => r.chunkId)) as Array<{ id: number; acl_set_id: number }>)).map((r) => [r.id, r.acl_set_id]));
    const retrieved = trace.retrieved.map((r) => ({ ...r, aclSetId: aclOf.get(r.chunkId) }));
    // The general trace store (observability) keeps this ask under the same id, as secret as its passages.
    bridgeRagTrace(trace.id, trace.collectionId, retrieved.map((r) => r.aclSetId));
    this.db.prepare(`INSERT INTO rag_traces (id, collection_id, user, query, retrieved_json, prompt, output, citations_json, timings_json,
      prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      trace.id, trace.collectionId, trace.user, trace.query, JSON.stringify(retrieved), trace.prompt, trace.output,
      JSON.stringify(trace.citations), JSON.stringify(trace.timings), trace.promptTokens, trace.completionTokens, trace.createdAt,
    );
  }

  get(id: string): Trace | undefined {
    const row = this.db.prepare('SELECT * FROM rag_traces WHERE id = ?').get(id) as Record<string, string | number> | undefined;
    if (!row) return undefined;
    return {
      id: String(row.id), collectionId: String(row.collection_id), user: String(row.user), query: String(row.query),
      retrieved: JSON.parse(String(row.retrieved_json)), prompt: String(row.prompt), output: String(row.output),
      citations: JSON.parse(String(row.citations_json)), timings: JSON.parse(String(row.timings_json)),
      promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens), createdAt: String(row.created_at),
    };
  }
}
