// Splits Markdown into sections (headings, paragraphs, tables, lists, code) with their heading path.
// Many extractors produce Markdown (DOCX, HTML, EPUB, notebooks), so they all section it here.
import { Lexer, type Token } from 'marked';
import type { SectionKind } from './extract.types.js';
import type { DraftLocation, SectionDraft } from './extractor.js';

const kindOf: Partial<Record<Token['type'], SectionKind>> = {
  heading: 'heading',
  table: 'table',
  list: 'list',
  code: 'code',
};

/** Cuts text longer than `max` at the last line break (else space) before the limit. */
export function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

export interface MarkdownSectionOptions {
  maxSectionChars: number;
  /** Added to every section's location (page, slide, member…). */
  base?: DraftLocation;
  /** Heading path above this Markdown (e.g. the chapter of an EPUB). */
  headingPath?: string[];
}

export function markdownSections(markdown: string, options: MarkdownSectionOptions): SectionDraft[] {
  const drafts: SectionDraft[] = [];
  const path: Array<{ depth: number; text: string }> = (options.headingPath ?? []).map((text) => ({ depth: 0, text }));
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown.replace(/\r\n?/g, '\n'));
  } catch {
    tokens = [{ type: 'paragraph', raw: markdown, text: markdown, tokens: [] }];
  }
  for (const token of tokens) {
    if (token.type === 'space' || token.type === 'hr') continue;
    const text = token.raw.trim();
    if (!text) continue;
    if (token.type === 'heading') {
      const depth = (token as { depth: number }).depth;
      while (path.length > 0 && path[path.length - 1]!.depth >= depth) path.pop();
      path.push({ depth, text: (token as { text: string }).text.trim() });
    }
    const kind = kindOf[token.type] ?? 'paragraph';
    const headingPath = path.map((h) => h.text);
    for (const part of splitLong(text, options.maxSectionChars)) {
      const location: DraftLocation = { ...options.base };
      if (headingPath.length > 0) location.headingPath = headingPath;
      const last = drafts[drafts.length - 1];
      // Short paragraphs under the same heading read better together than one by one.
      if (kind === 'paragraph' && last?.kind === 'paragraph' && sameLocation(last.location, location) && last.text.length + part.length < 1200) {
        last.text += `\n\n${part}`;
        continue;
      }
      drafts.push({ text: part, kind, location });
    }
  }
  return drafts;
}

function sameLocation(a: DraftLocation | undefined, b: DraftLocation): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b);
}
