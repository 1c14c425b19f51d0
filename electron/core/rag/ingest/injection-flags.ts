import type { Db } from '../../../../native/sqlite/open.js';
import { AppError } from '../../contract/errors.js';
import { DocumentScanner, type DocumentVerdict } from '../../guard/injection/document-scanner.js';
import type { Chunk } from '../chunking/chunker.js';

export type InjectionPolicy = 'keep-and-flag' | 'quarantine' | 'refuse';

export interface ChunkJudgement { action: 'flagged' | 'quarantined'; verdict: DocumentVerdict }

const scanner = new DocumentScanner();

/** Chunks shown as a document's warnings (the Documents screen lists them) at most: the table keeps them all. */
const MAX_WARNINGS = 20;

/**
 * Ingestion's indirect-injection check (issue 13): every chunk passes the document scanner before it is embedded.
 * The collection's policy decides what a flagged chunk becomes; each is recorded in document_injection_flags (inside
 * the writer's transaction, so a document abandoned mid-way leaves none) and summed up in the document's warnings.
 */
export class InjectionFlagger {
  private readonly found: Array<{ ordinal: number; action: ChunkJudgement['action']; reasons: string[] }> = [];

  constructor(private readonly db: Db, private readonly policy: InjectionPolicy, private readonly source: string) {}

  /** One entry per chunk: undefined when clean. Throws for `refuse`, naming the chunk and why. */
  judge(chunks: readonly Chunk[], firstOrdinal: number): Array<ChunkJudgement | undefined> {
    return chunks.map((chunk, i) => {
      const verdict = scanner.scan(chunk.text);
      if (!verdict.flagged) return undefined;
      if (this.policy === 'refuse') {
        throw new AppError('INVALID_INPUT', `${this.source} was refused: chunk ${firstOrdinal + i + 1} holds instructions for an AI (${verdict.reasons[0] ?? 'injection'}); the collection refuses such documents`, {
          extractCode: 'INJECTION_REFUSED', reasons: verdict.reasons,
        });
      }
      return { action: this.policy === 'quarantine' ? 'quarantined' : 'flagged', verdict };
    });
  }

  record(documentId: number, chunks: readonly Chunk[], judgements: ReadonlyArray<ChunkJudgement | undefined>, ids: ReadonlyMap<Chunk, number>, firstOrdinal: number): void {
    const insert = this.db.prepare(`INSERT INTO document_injection_flags (document_id, ordinal, chunk_id, action, score, reasons_json, excerpt, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const now = new Date().toISOString();
    judgements.forEach((j, i) => {
      const chunk = chunks[i];
      if (!j || !chunk) return;
      const ordinal = firstOrdinal + i;
      insert.run(documentId, ordinal, j.action === 'flagged' ? ids.get(chunk) ?? null : null, j.action, j.verdict.score, JSON.stringify(j.verdict.reasons), chunk.text.slice(0, 500), now);
      this.found.push({ ordinal, action: j.action, reasons: j.verdict.reasons });
    });
  }

  /** The document's warnings: one per flagged chunk (up to MAX_WARNINGS, then a count). */
  warnings(): Array<{ code: string; message: string }> {
    const shown = this.found.slice(0, MAX_WARNINGS).map((f) => ({
      code: f.action === 'quarantined' ? 'INJECTION_QUARANTINED' : 'INJECTION_FLAGGED',
      message: `Chunk ${f.ordinal + 1} ${f.action === 'quarantined' ? 'was quarantined (not indexed)' : 'is flagged'}: it ${f.reasons[0] ?? 'holds instructions for an AI'}`,
    }));
    if (this.found.length > MAX_WARNINGS) shown.push({ code: 'INJECTION_FLAGGED', message: `${this.found.length - MAX_WARNINGS} more chunk(s) with instructions for an AI` });
    return shown;
  }
}
