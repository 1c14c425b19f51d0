import type { Hit } from '../../contract/rag.api.js';
import { contentWords, lexicalCoverage } from '../search/fts-query.js';

export const ABSTENTION = 'The documents do not contain this information.';

/** Share of a sentence's content words that must appear in the passages it cites for it to count as supported. */
export const SUPPORT_THRESHOLD = 0.5;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const MARKER = /\[(\d{1,3})\]/g;

export interface CitationCheck {
  cited: number[];
  unsupported: Array<{ sentence: string; reason: string }>;
  /** Sentences that make a claim (and so were checked). */
  sentences: number;
}

/**
 * Checks each answer sentence against the passages it cites: at least lexical support (the sentence's content
 * words appear in the cited passages). A judge model can replace `support` later for semantic checks.
 */
export function checkCitations(answer: string, hits: Hit[], support = lexicalCoverage): CitationCheck {
  const cited = new Set<number>();
  const unsupported: CitationCheck['unsupported'] = [];
  let checked = 0;
  for (const { segment } of sentences.segment(answer)) {
    const sentence = segment.trim();
    const markers = [...sentence.matchAll(MARKER)].map((m) => Number(m[1]));
    const claim = sentence.replace(MARKER, '').trim();
    if (contentWords(claim).length === 0 || claim.startsWith(ABSTENTION.slice(0, 30))) continue;
    checked++;
    const valid = markers.filter((n) => n >= 1 && n <= hits.length);
    valid.forEach((n) => cited.add(n));
    if (markers.length === 0) {
      unsupported.push({ sentence, reason: 'cites no passage' });
      continue;
    }
    if (valid.length < markers.length) {
      unsupported.push({ sentence, reason: `cites a passage that does not exist (there are ${hits.length})` });
      continue;
    }
    const passages = valid.map((n) => hits[n - 1]?.text ?? '').join('\n');
    const coverage = support(claim, passages);
    if (coverage < SUPPORT_THRESHOLD) {
      unsupported.push({ sentence, reason: `only ${Math.round(coverage * 100)}% of its content words appear in ${valid.map((n) => `[${n}]`).join('')}` });
    }
  }
  return { cited: [...cited].sort((a, b) => a - b), unsupported, sentences: checked };
}

/** The context block: numbered passages with where they come from. */
export function renderContext(hits: Hit[]): string {
  return hits
    .map((hit, i) => {
      const where = [hit.source.split(/[\\/]/).pop(), hit.location.page ? `page ${hit.location.page}` : '', hit.location.slide ? `slide ${hit.location.slide}` : '', hit.location.sheet ? `sheet ${hit.location.sheet}` : '']
        .filter(Boolean)
        .join(', ');
      return `[${i + 1}] (${where})\n${hit.text}`;
    })
    .join('\n\n');
}
