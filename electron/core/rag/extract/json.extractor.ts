// JSON documents (parsed whole, split by top-level members) and JSON Lines (streamed, line by line).
import { ExtractError } from './extract-error.js';
import type { Extractor, SectionDraft } from './extractor.js';
import { splitLong } from './markdown-sections.js';
import { decodeBuffer, decodeChunks, detectEncoding, normalizeNewlines } from './text-decode.js';

const GROUP_CHARS = 2_000;

/** Accumulates small pieces into sections of about GROUP_CHARS; cuts pieces over `max`. */
function* group(pieces: Iterable<string>, max: number): Generator<SectionDraft> {
  let current = '';
  for (const piece of pieces) {
    for (const part of splitLong(piece, max)) {
      if (current && current.length + part.length + 1 > GROUP_CHARS) {
        yield { text: current, kind: 'code' };
        current = '';
      }
      current = current ? `${current}\n${part}` : part;
    }
  }
  if (current) yield { text: current, kind: 'code' };
}

export const extractJson: Extractor = async function* (source, ctx) {
  const text = decodeBuffer(await source.bytes());
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Several JSON values one per line is JSON Lines with the wrong extension.
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => isJson(l))) {
      yield* group(lines, ctx.limits.maxSectionChars);
      return;
    }
    throw new ExtractError('FILE_CORRUPT', `\`${ctx.name}\` is not valid JSON (${(error as Error).message}); fix it or rename it to .txt and import it again`);
  }
  const pieces = Array.isArray(value)
    ? value.map((item) => JSON.stringify(item, null, 1))
    : value && typeof value === 'object'
      ? Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item, null, 1)}`)
      : [JSON.stringify(value)];
  yield* group(pieces, ctx.limits.maxSectionChars);
};

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export const extractJsonLines: Extractor = async function* (source, ctx) {
  const encoding = detectEncoding(source.head);
  let pending = '';
  let lineNumber = 0;
  let invalid = 0;
  const lines: string[] = [];
  for await (const text of normalizeNewlines(decodeChunks(source.stream(), encoding))) {
    ctx.checkCancelled();
    pending += text;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lineNumber++;
      if (!line.trim()) continue;
      if (!isJson(line) && invalid++ < 20) ctx.warn('INVALID_JSON_LINE', `Line ${lineNumber} of \`${ctx.name}\` is not valid JSON; it was kept as text`);
      lines.push(line);
    }
    if (lines.length > 0) yield* group(lines.splice(0), ctx.limits.maxSectionChars);
  }
  if (pending.trim()) yield* group([pending], ctx.limits.maxSectionChars);
};
