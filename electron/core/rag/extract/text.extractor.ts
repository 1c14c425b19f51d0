// Plain text, streamed: paragraphs (blank-line separated) are grouped into sections without ever
// holding more than one section's worth of text, so a 200 MB log extracts in bounded memory.
import type { Extractor, SectionDraft } from './extractor.js';
import { splitLong } from './markdown-sections.js';
import { decodeChunks, detectEncoding, normalizeNewlines } from './text-decode.js';

/** Paragraphs are grouped up to this size: fewer, meaningful sections for the chunker. */
const GROUP_CHARS = 2_000;

export const extractText: Extractor = async function* (source, ctx) {
  const encoding = detectEncoding(source.head);
  const max = ctx.limits.maxSectionChars;
  let group = '';
  let pending = '';
  const emit = function* (paragraph: string): Generator<SectionDraft> {
    const text = paragraph.trim();
    if (!text) return;
    if (group && group.length + text.length + 2 > GROUP_CHARS) {
      yield { text: group, kind: 'paragraph' };
      group = '';
    }
    for (const part of splitLong(text, max)) {
      if (part.length >= GROUP_CHARS) {
        if (group) yield { text: group, kind: 'paragraph' };
        group = '';
        yield { text: part, kind: 'paragraph' };
      } else group = group ? `${group}\n\n${part}` : part;
    }
  };
  for await (const text of normalizeNewlines(decodeChunks(source.stream(), encoding))) {
    ctx.checkCancelled();
    pending += text;
    const boundary = /\n[ \t]*\n\s*/g;
    let start = 0;
    for (let match = boundary.exec(pending); match; match = boundary.exec(pending)) {
      yield* emit(pending.slice(start, match.index));
      start = boundary.lastIndex;
    }
    pending = pending.slice(start);
    // One paragraph without blank lines (a log): cut it once it is longer than a section may be.
    while (pending.length > max * 2) {
      const [head] = splitLong(pending.slice(0, max + 1), max);
      yield* emit(head!);
      pending = pending.slice(head!.length);
    }
  }
  yield* emit(pending);
  if (group) yield { text: group, kind: 'paragraph' };
};
