import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const squadDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/eval/rag/squad2');

export interface SquadPassage { _id: string; title: string; text: string }
export interface SquadQuery { _id: string; text: string; is_impossible: boolean; answers: string[]; gold_passage_id: string }

const jsonl = <T>(file: string): T[] => readFileSync(path.join(squadDir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

export function loadSquad(): { passages: SquadPassage[]; queries: SquadQuery[]; gold: Map<string, string> } {
  const gold = new Map<string, string>();
  for (const line of readFileSync(path.join(squadDir, 'qrels-dev.tsv'), 'utf8').split('\n').slice(1)) {
    const [query, passage] = line.split('\t');
    if (query && passage) gold.set(query, passage);
  }
  return { passages: jsonl<SquadPassage>('corpus.jsonl'), queries: jsonl<SquadQuery>('queries-dev.jsonl'), gold };
}

export interface RetrievalScores { recall1: number; recall5: number; recall10: number; mrr10: number; ndcg10: number; queries: number }

/** One relevant passage per query: nDCG@10 is 1/log2(rank + 1) at the gold passage's rank. */
export function scoreRankings(rankings: Array<{ ranked: string[]; gold: string }>): RetrievalScores {
  let r1 = 0, r5 = 0, r10 = 0, mrr = 0, ndcg = 0;
  for (const { ranked, gold } of rankings) {
    const rank = ranked.slice(0, 10).indexOf(gold) + 1;
    if (rank === 0) continue;
    if (rank <= 1) r1++;
    if (rank <= 5) r5++;
    r10++;
    mrr += 1 / rank;
    ndcg += 1 / Math.log2(rank + 1);
  }
  const n = rankings.length || 1;
  return { recall1: r1 / n, recall5: r5 / n, recall10: r10 / n, mrr10: mrr / n, ndcg10: ndcg / n, queries: rankings.length };
}
