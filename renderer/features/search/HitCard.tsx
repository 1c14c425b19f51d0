import type { Hit } from '../../api/contract.types.js';
import { fileName } from '../models/models.store.js';
import { Highlighted } from './Highlighted.js';
import { formatLocation, formatScore } from './source-location.js';

/** One search hit: rank, fused score and its parts, where it comes from, and the passage with the query marked. */
export function HitCard({ hit, rank, query }: { hit: Hit; rank: number; query: string }) {
  const where = formatLocation(hit.location);
  return (
    <li className="hit" data-testid="search-hit" data-source={hit.source} data-chunk-id={hit.chunkId}>
      <div className="hit-header">
        <span className="hit-rank" data-testid="hit-rank">
          #{rank}
        </span>
        <span className="hit-source" title={hit.source} data-testid="hit-source">
          {fileName(hit.source)}
        </span>
        {where && (
          <span className="hit-location" data-testid="hit-location">
            {where}
          </span>
        )}
        <span className="spacer" />
        <span className="hit-scores" title="Fused score, then the BM25 and vector scores it came from">
          score <b data-testid="hit-score">{formatScore(hit.score)}</b>
          {hit.scores.bm25 !== undefined && <span data-testid="hit-score-bm25"> · bm25 {formatScore(hit.scores.bm25)}</span>}
          {hit.scores.vector !== undefined && <span data-testid="hit-score-vector"> · vector {formatScore(hit.scores.vector)}</span>}
        </span>
      </div>
      <Highlighted text={hit.text} query={query} testId="hit-text" />
    </li>
  );
}
