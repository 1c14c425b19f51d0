import { useMemo } from 'react';
import type { AskResult } from '../../api/contract.types.js';
import { parseAnswer, type AnswerPiece } from './answer-markup.js';

interface AnswerTextProps {
  text: string;
  /** Null while streaming: markers show, but nothing is linked or checked yet. */
  result: AskResult | null;
  activeCitation: number | null;
  onCitation: (n: number) => void;
  streaming: boolean;
}

/** The answer with its [n] markers as chips that open the cited passage, and unsupported sentences marked. */
export function AnswerText({ text, result, activeCitation, onCitation, streaming }: AnswerTextProps) {
  const spans = useMemo(
    () => parseAnswer(text, result?.unsupported ?? [], result ? new Set(result.citations.map((c) => c.n)) : null),
    [text, result],
  );

  const renderPiece = (piece: AnswerPiece, key: number) => {
    if (piece.kind === 'text') return piece.text;
    if (piece.state !== 'linked') {
      return (
        <span
          key={key}
          className={`cite-chip cite-chip-${piece.state}`}
          title={piece.state === 'unknown' ? `There is no passage [${piece.n}]` : undefined}
          data-testid="answer-marker"
          data-state={piece.state}
        >
          {piece.n}
        </span>
      );
    }
    return (
      <button
        key={key}
        type="button"
        className={piece.n === activeCitation ? 'cite-chip cite-chip-active' : 'cite-chip'}
        aria-label={`Show passage ${piece.n}`}
        aria-pressed={piece.n === activeCitation}
        onClick={() => onCitation(piece.n)}
        data-testid="citation-chip"
        data-n={piece.n}
      >
        {piece.n}
      </button>
    );
  };

  return (
    <div className={streaming ? 'answer output-streaming' : 'answer'} aria-live="polite" data-testid="answer">
      {spans.map((span, index) =>
        span.unsupported ? (
          <span
            key={index}
            className="unsupported"
            title={`Not supported by the cited passages: ${span.unsupported.reason}`}
            data-testid="answer-unsupported"
          >
            {span.pieces.map(renderPiece)}
          </span>
        ) : (
          <span key={index}>{span.pieces.map(renderPiece)}</span>
        ),
      )}
    </div>
  );
}
