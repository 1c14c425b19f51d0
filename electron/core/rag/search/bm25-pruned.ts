import type { Db } from '../../../../native/sqlite/open.js';

/**
 * BM25 whose cost does not grow with the rows a common term matches. FTS5 scores every matching row (a word in
 * 5 % of 1M chunks: ~50k rows, 300+ ms with the access joins); here the query's commonest terms (beyond
 * HEAVY_TERM_ROWS rows for the rarer ones together) are read from their top lists (its TOP_POSTINGS best rows by
 * its own BM25 weight, built once per state of the full-text index), and the other terms from FTS5, which is
 * cheap for them. Scores are FTS5's own: bm25 is a sum over the query's terms, so a row's score is its terms'
 * single-term scores added, or the score of an FTS5 query that the row matches with every query term it contains.
 *
 * Exactness (max-score): a row that is not a candidate holds no light term (or only below the light top list) and
 * is in no heavy top list, so its score is at most max(the light list's last score, the sum of the heavy lists'
 * bounds). When the k-th visible candidate scores above that, the top k are FTS5's (ties by chunk id); otherwise
 * the caller runs the full query. With two or more heavy terms (three or more common words, or two when even the
 * rarer is in over FORCED_LIGHT_FACTOR × HEAVY_TERM_ROWS rows) the answer is approximate, the only such case (not
 * checked; a row of one term's list that also holds another heavy term below that term's list is ranked without that
 * term's small, bounded weight): measured in bench/hybrid-1m.bench.ts.
 * Lists live in memory and are rebuilt after any write to the full text (cost: one FTS5 pass over the term's
 * rows), so answers follow deletions and re-ingestion at once.
 */
export const HEAVY_TERM_ROWS = 20_000;
/** Rows per heavy term's list, and light-term rows taken in FTS5's rank order (the check covers the rest). */
export const TOP_POSTINGS = 2_000;
/** The rarest of several common terms is ranked inside FTS5 (to keep the answer checked) up to this many heavyRows. */
export const FORCED_LIGHT_FACTOR = 4;
/** Candidates checked against access lists and filters per round trip. */
const BATCH = 200;

export interface ScoredRow {
  chunkId: number;
  score: number;
}

interface TopList {
  /** Chunk ids and their single-term scores, best first (typed arrays: 12 bytes a row). */
  ids: Int32Array;
  scores: Float64Array;
  /** The best score of a row not in the list (0 when the list holds every row of the term). */
  bound: number;
}

export class TermTopLists {
  private state = '';
  private readonly lists = new Map<string, TopList>();
  /** How searches were answered: from the lists, or not (too few visible candidates, or the check failed). */
  readonly answered = { pruned: 0, full: 0 };

  /** `heavyRows` and `depth` are lowered by tests, so a small collection takes the pruned path. */
  constructor(
    private readonly db: Db,
    readonly heavyRows = HEAVY_TERM_ROWS,
    readonly depth = TOP_POSTINGS,
  ) {}

  /** Lists are dropped when the full-text index changes: every write rewrites its averages and structure records. */
  list(term: string): TopList {
    const state = (this.db.prepare("SELECT group_concat(hex(block), '.') AS s FROM chunks_fts_data WHERE id IN (1, 10)").get() as { s: string | null }).s ?? '';
    if (state !== this.state) {
      this.lists.clear();
      this.state = state;
    }
    let list = this.lists.get(term);
    if (!list) {
      const rows = this.db
        .prepare('SELECT rowid AS chunkId, -rank AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?')
        .all(phrase(term), this.depth + 1) as ScoredRow[];
      const bound = rows.length > this.depth ? rows.pop()!.score : 0;
      list = { ids: Int32Array.from(rows, (r) => r.chunkId), scores: Float64Array.from(rows, (r) => r.score), bound };
      this.lists.set(term, list);
    }
    return list;
  }

  /**
   * Builds the list of every heavy term at once (after a large ingestion, or before measuring steady state); a
   * list is otherwise built by the first search that needs it. Returns how many lists were built.
   */
  warm(): number {
    const terms = (this.db.prepare('SELECT term FROM chunks_fts_vocab WHERE doc > ?').all(this.heavyRows / 4) as Array<{ term: string }>).map((r) => r.term);
    for (const term of terms) this.list(term);
    return terms.length;
  }

  /** Memory held, for the benchmark: terms listed and rows in their lists. */
  get size(): { terms: number; rows: number } {
    let rows = 0;
    for (const list of this.lists.values()) rows += list.ids.length;
    return { terms: this.lists.size, rows };
  }
}

/**
 * The top `limit` rows of `terms` (OR-ed) that `visible` keeps, best first, ties by chunk id; or null when pruning
 * cannot answer (too few visible candidates, or the exactness check fails): then run the full query. Without heavy
 * terms the light list alone answers: FTS5 ranks inside its own index, no per-row joins.
 */
export function prunedBm25(
  db: Db,
  lists: TermTopLists,
  terms: Array<{ term: string; rows: number }>,
  limit: number,
  visible: (chunkIds: number[]) => Set<number>,
): ScoredRow[] | null {
  // Light: the rarest terms while their rows add up to at most heavyRows, and the rarest of several terms while it is
  // at most FORCED_LIGHT_ROWS, so a query has one heavy term whenever that is affordable (its answer is then checked
  // exact); heavy: the rest, from top lists. Terms under a quarter of heavyRows are always light, so only terms above
  // it ever need a list (see warm).
  const present = terms.filter((t) => t.rows > 0).sort((a, b) => a.rows - b.rows);
  let lightCount = 0;
  for (let rows = 0; lightCount < present.length; lightCount++) {
    const next = present[lightCount]!.rows;
    if (next > lists.heavyRows / 4 && rows + next > lists.heavyRows) break;
    rows += next;
  }
  // Ranking a term of hundreds of thousands of rows inside FTS5 costs more than the whole rest of the search (two of
  // the commonest words: the slowest queries of the 1M bench); such words weigh little (IDF under ~2), so several
  // of them are read from their lists, unchecked, like any query of two or more heavy terms.
  if (lightCount === 0 && present.length > 1 && present[0]!.rows <= lists.heavyRows * FORCED_LIGHT_FACTOR) lightCount = 1;
  const light = present.slice(0, lightCount).map((t) => t.term);
  const heavy = present.slice(lightCount).map((t) => t.term);
  if (heavy.length + light.length === 0) return [];
  const score = new Map<number, number>();
  let lightFloor = 0;
  if (light.length > 0) {
    const lightQuery = light.map(phrase).join(' OR ');
    const only = light.length === 1 ? present[0]! : undefined;
    if (only && only.rows > lists.heavyRows / 4) {
      // One common term made light (two common words): its top list is exactly this ranking, without a pass over
      // its rows (several hundred ms for a word in 15 % of 1M chunks).
      const list = lists.list(only.term);
      lightFloor = list.bound;
      list.ids.forEach((chunkId, i) => score.set(chunkId, list.scores[i]!));
    } else {
      const rows = db.prepare('SELECT rowid AS chunkId, -rank AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?').all(lightQuery, lists.depth + 1) as ScoredRow[];
      if (rows.length > lists.depth) lightFloor = rows.pop()!.score;
      for (const r of rows) score.set(r.chunkId, r.score);
    }
    // Rows with a light and a heavy term: FTS5's score of this query is their full score (each term counted once).
    if (heavy.length > 0) {
      const both = db.prepare('SELECT rowid AS chunkId, -rank AS score FROM chunks_fts WHERE chunks_fts MATCH ?').all(`(${lightQuery}) AND (${heavy.map(phrase).join(' OR ')})`) as ScoredRow[];
      for (const r of both) score.set(r.chunkId, r.score);
    }
  }
  const lightRows = new Set(score.keys());
  let heavyBound = 0;
  for (const term of heavy) {
    const list = lists.list(term);
    heavyBound += list.bound;
    for (let i = 0; i < list.ids.length; i++) {
      const chunkId = list.ids[i]!;
      if (lightRows.has(chunkId)) continue; // already scored in full by the AND query above
      score.set(chunkId, (score.get(chunkId) ?? 0) + list.scores[i]!);
    }
  }
  const bound = Math.max(lightFloor, heavyBound);
  const ranked = [...score.entries()].map(([chunkId, s]) => ({ chunkId, score: s, key: Math.round(s * 1e9) }));
  ranked.sort((a, b) => b.key - a.key || a.chunkId - b.chunkId);
  const kept: ScoredRow[] = [];
  for (let start = 0; start < ranked.length && kept.length < limit; start += BATCH) {
    const batch = ranked.slice(start, start + BATCH);
    const ok = visible(batch.map((r) => r.chunkId));
    for (const r of batch) if (ok.has(r.chunkId) && kept.length < limit) kept.push({ chunkId: r.chunkId, score: r.score });
  }
  // Strictly above: a row outside the candidates with an equal score and a lower id would win FTS5's tie-break.
  // Two or more heavy terms are answered from the lists without the check: their bounds add up to more than the
  // scores of most top rows (every list ends among rows holding the term once), so the check would send nearly every
  // such query to the full scan, the slowest case of all.
  const answer = kept.length === limit && (heavy.length > 1 || kept[kept.length - 1]!.score > bound + 1e-9);
  lists.answered[answer ? 'pruned' : 'full']++;
  return answer ? kept : rankedInIndex(db, terms.map((t) => phrase(t.term)).join(' OR '), limit, lists.depth, visible);
}

/**
 * The whole query ranked inside FTS5 (no per-row joins: several times cheaper than the joined query, though it still
 * scores every matching row), its top `depth` filtered afterwards. Null when fewer than `limit` of them are visible,
 * or when the last one kept ties with the depth's edge (a row beyond it could win the tie-break).
 */
function rankedInIndex(db: Db, match: string, limit: number, depth: number, visible: (chunkIds: number[]) => Set<number>): ScoredRow[] | null {
  const rows = db.prepare('SELECT rowid AS chunkId, -rank AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?').all(match, depth + 1) as ScoredRow[];
  const edge = rows.length > depth ? rows.pop()!.score : -Infinity;
  const ranked = rows.map((r) => ({ ...r, key: Math.round(r.score * 1e9) })).sort((a, b) => b.key - a.key || a.chunkId - b.chunkId);
  const ok = visible(ranked.map((r) => r.chunkId));
  const kept = ranked.filter((r) => ok.has(r.chunkId)).slice(0, limit).map((r) => ({ chunkId: r.chunkId, score: r.score }));
  return kept.length === limit && kept[limit - 1]!.score > edge + 1e-9 ? kept : null;
}

/** A term as one quoted FTS5 phrase, so FTS syntax in the text is inert. */
function phrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
