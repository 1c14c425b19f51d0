import { useMemo } from 'react';
import { highlightSegments, queryTerms } from './highlight.js';

interface HighlightedProps {
  text: string;
  /** The query or question whose words are marked. */
  query: string;
  className?: string;
  testId?: string;
}

/** Passage text with the query's words marked. Text nodes and <mark> elements only: no HTML is ever injected. */
export function Highlighted({ text, query, className, testId }: HighlightedProps) {
  const segments = useMemo(() => highlightSegments(text, queryTerms(query)), [text, query]);
  return (
    <p className={className ? `passage ${className}` : 'passage'} data-testid={testId}>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} className="passage-match">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </p>
  );
}
