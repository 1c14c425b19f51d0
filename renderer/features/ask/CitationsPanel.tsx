import { useEffect, useRef } from 'react';
import type { AskResult } from '../../api/contract.types.js';
import { fileName } from '../models/models.store.js';
import { Highlighted } from '../search/Highlighted.js';
import { formatLocation } from '../search/source-location.js';

interface CitationsPanelProps {
  result: AskResult;
  question: string;
  activeCitation: number | null;
  onCitation: (n: number) => void;
}

/** The passages the answer cites, each with its source and place in it, and the sentences that lack support. */
export function CitationsPanel({ result, question, activeCitation, onCitation }: CitationsPanelProps) {
  const active = useRef<HTMLLIElement>(null);

  // A chip clicked in the answer brings its passage into view. A block body: newer Chromium returns a promise from
  // scrollIntoView, which React would take for a cleanup function.
  useEffect(() => {
    active.current?.scrollIntoView({ block: 'nearest' });
  }, [activeCitation]);

  return (
    <aside className="panel citations-panel" aria-label="Citations" data-testid="citations-panel">
      <div className="panel-header">
        <span className="panel-label">Citations ({result.citations.length})</span>
      </div>
      {result.citations.length === 0 ? (
        <p className="empty" data-testid="citations-empty">
          {result.abstained ? 'No passage was relevant enough to answer from.' : 'The answer cites no passage.'}
        </p>
      ) : (
        <ol className="citations" data-testid="citations">
          {result.citations.map((citation) => {
            const where = formatLocation(citation.location);
            const isActive = citation.n === activeCitation;
            return (
              <li
                key={citation.n}
                ref={isActive ? active : undefined}
                className={isActive ? 'citation citation-active' : 'citation'}
                data-testid="citation"
                data-n={citation.n}
                data-source={citation.source}
              >
                <button type="button" className="citation-header" aria-expanded={isActive} onClick={() => onCitation(citation.n)}>
                  <span className="cite-chip">{citation.n}</span>
                  <span className="hit-source" title={citation.source} data-testid="citation-source">
                    {fileName(citation.source)}
                  </span>
                  {where && (
                    <span className="hit-location" data-testid="citation-location">
                      {where}
                    </span>
                  )}
                </button>
                {isActive && (
                  <>
                    <Highlighted text={citation.text} query={question} className="passage-cited" testId="citation-passage" />
                    <span className="hint" title={citation.source}>
                      {citation.source} · characters {citation.location.charStart}–{citation.location.charEnd}
                    </span>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {result.unsupported.length > 0 && (
        <div className="unsupported-list" data-testid="unsupported-list">
          <span className="panel-label">Unsupported sentences ({result.unsupported.length})</span>
          <ul>
            {result.unsupported.map((entry, index) => (
              <li key={index} className="unsupported-item" data-testid="unsupported-item">
                <span className="unsupported-sentence">{entry.sentence}</span>
                <span className="unsupported-reason">{entry.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}
