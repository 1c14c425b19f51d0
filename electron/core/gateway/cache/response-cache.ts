import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../../native/sqlite/open.js';
import { WriteBehind } from '../../services/write-behind.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import type { GenerationResult } from '../../contract/schemas.js';
import { cosine } from './cache-key.js';

interface StoreEntry {
  key: string;
  scope: string;
  modelId: string;
  collection?: string;
  embedding?: Float32Array;
  result: GenerationResult;
  ttlSeconds: number;
}

export interface CachedAnswer {
  result: GenerationResult;
  key: string;
  similarity: number;
}

/** How many of a scope's newest entries the semantic cache compares with (a linear scan, kept short). */
const SEMANTIC_CANDIDATES = 500;

/**
 * The response cache on SQLite. Exact hits look up the key; semantic hits compare the prompt's embedding with the
 * newest live entries of the same scope. Expired entries are ignored, and swept on write. `stale` lookups (the last
 * resort of a fallback chain, when every target failed) accept expired entries.
 */
export class ResponseCache {
  private readonly queue = new WriteBehind<StoreEntry & { at: Date }>((entries) =>
    writeTransaction(this.db, () => {
      // Swept once per batch: entries expired a day ago are past any use, even as a stale fallback.
      this.db.prepare('DELETE FROM gateway_cache WHERE expires_at <= ?').run(new Date(entries[0]!.at.getTime() - 86_400_000).toISOString());
      for (const entry of entries) this.write(entry);
    }),
  );
  private byKey: Statement<unknown[]> | undefined;
  private byKeyStale: Statement<unknown[]> | undefined;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  exact(key: string, options: { stale?: boolean } = {}): CachedAnswer | null {
    this.flush();
    const row = (options.stale
      ? (this.byKeyStale ??= this.db.prepare('SELECT result_json FROM gateway_cache WHERE key = ?')).get(key)
      : (this.byKey ??= this.db.prepare('SELECT result_json FROM gateway_cache WHERE key = ? AND expires_at > ?')).get(key, this.now().toISOString())) as { result_json: string } | undefined;
    if (!row) return null;
    return { result: JSON.parse(row.result_json) as GenerationResult, key, similarity: 1 };
  }

  semantic(scope: string, embedding: Float32Array, threshold: number): CachedAnswer | null {
    this.flush();
    const rows = this.db
      .prepare('SELECT key, embedding, result_json FROM gateway_cache WHERE scope = ? AND expires_at > ? AND embedding IS NOT NULL ORDER BY created_at DESC LIMIT ?')
      .all(scope, this.now().toISOString(), SEMANTIC_CANDIDATES) as Array<{ key: string; embedding: Buffer; result_json: string }>;
    let best: { key: string; similarity: number; json: string } | null = null;
    for (const row of rows) {
      const similarity = cosine(embedding, toVector(row.embedding));
      if (similarity >= threshold && (!best || similarity > best.similarity)) best = { key: row.key, similarity, json: row.result_json };
    }
    if (!best) return null;
    return { result: JSON.parse(best.json) as GenerationResult, key: best.key, similarity: best.similarity };
  }

  /** Queued and written after the current tick (off the request's path); every lookup writes the queue first. */
  store(entry: StoreEntry): void {
    this.queue.push({ ...entry, at: this.now() });
  }

  flush(): void {
    this.queue.flush();
  }

  private write(entry: StoreEntry & { at: Date }): void {
    const now = entry.at;
    const { gateway: _trace, ...result } = entry.result;
    this.db
      .prepare(`INSERT INTO gateway_cache (key, model_id, scope, collection, embedding, result_json, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET result_json = excluded.result_json, embedding = excluded.embedding, created_at = excluded.created_at, expires_at = excluded.expires_at`)
      .run(entry.key, entry.modelId, entry.scope, entry.collection ?? null, entry.embedding ? Buffer.from(entry.embedding.buffer, entry.embedding.byteOffset, entry.embedding.byteLength) : null,
        JSON.stringify(result), now.toISOString(), new Date(now.getTime() + entry.ttlSeconds * 1000).toISOString());
  }

  /** A model was changed, retired or removed: its answers go. */
  invalidateModel(modelId: string): number {
    this.flush();
    return this.db.prepare('DELETE FROM gateway_cache WHERE model_id = ?').run(modelId).changes;
  }

  /** A collection's documents or settings changed: answers grounded in it go. */
  invalidateCollection(collection: string): number {
    this.flush();
    return this.db.prepare('DELETE FROM gateway_cache WHERE collection = ?').run(collection).changes;
  }

  clear(): number {
    this.flush();
    return this.db.prepare('DELETE FROM gateway_cache').run().changes;
  }
}

function toVector(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}
