import type { ExtractedSection } from '../extract/extract.types.js';

/** A piece of a section that chunking never splits: a whole section, a sentence, or a slice of an over-long one. */
export interface Unit {
  section: number;
  /** Offsets inside the section's text. */
  start: number;
  end: number;
  text: string;
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/** A section as one unit when it fits, else its sentences (and over-long sentences cut at line and word breaks). */
export function sectionUnits(section: ExtractedSection, index: number, fitsWhole: boolean, maxChars: number): Unit[] {
  if (fitsWhole) return [{ section: index, start: 0, end: section.text.length, text: section.text }];
  const units: Unit[] = [];
  // Tables split between rows, everything else between sentences.
  const pieces = section.kind === 'table' ? lines(section.text) : [...sentences.segment(section.text)].map((s) => ({ start: s.index, text: s.segment }));
  for (const piece of pieces) {
    for (const cut of cutLong(piece.text, maxChars)) {
      const start = piece.start + cut.start;
      const text = section.text.slice(start, start + cut.text.length);
      if (text.trim() !== '') units.push({ section: index, start, end: start + text.length, text });
    }
  }
  return units;
}

function lines(text: string): Array<{ start: number; text: string }> {
  const result: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (const line of text.split(/(?<=\n)/)) {
    result.push({ start, text: line });
    start += line.length;
  }
  return result;
}

/** Cuts text longer than maxChars at the last newline or space before the limit. */
function cutLong(text: string, maxChars: number): Array<{ start: number; text: string }> {
  const cuts: Array<{ start: number; text: string }> = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const window = text.slice(start, start + maxChars);
    const breakAt = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const end = breakAt > maxChars / 4 ? start + breakAt + 1 : start + maxChars;
    cuts.push({ start, text: text.slice(start, end) });
    start = end;
  }
  cuts.push({ start, text: text.slice(start) });
  return cuts;
}
