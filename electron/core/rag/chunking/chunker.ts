import { createHash } from 'node:crypto';
import type { SourceLocation } from '../../contract/rag.api.js';
import type { ExtractedSection } from '../extract/extract.types.js';
import { SECTION_SEPARATOR } from '../extract/extract.types.js';
import { sectionUnits, type Unit } from './units.js';

export interface ChunkingOptions {
  strategy: 'structure' | 'fixed';
  chunkTokens: number;
  overlapTokens: number;
}

/** Counts tokens of many texts in one call, with the collection's embedding tokenizer. */
export type TokenCounter = (texts: string[]) => Promise<number[]>;

export interface Chunk {
  text: string;
  textSha256: string;
  tokenCount: number;
  location: SourceLocation;
}

interface SizedUnit extends Unit {
  tokens: number;
}

/** Characters per token are rarely above 8, so this caps a unit well above any sane chunk size. */
const MAX_CHARS_PER_TOKEN = 8;

/**
 * Token-aware chunking. `structure` keeps headings with what follows them and keeps paragraphs, tables, slides
 * and sheets whole where they fit, never mixing pages, slides or sheets; `fixed` packs sentences to the size with
 * overlap. Both split an over-long section between sentences (tables between rows), with overlap.
 */
export async function chunkSections(sections: ExtractedSection[], options: ChunkingOptions, count: TokenCounter): Promise<Chunk[]> {
  if (sections.length === 0) return [];
  const limit = options.chunkTokens;
  const sectionTokens = options.strategy === 'structure' ? await count(sections.map((s) => s.text)) : sections.map(() => Number.POSITIVE_INFINITY);
  const split = sections.flatMap((section, i) => sectionUnits(section, i, (sectionTokens[i] ?? Infinity) <= limit, limit * MAX_CHARS_PER_TOKEN));
  const splitTokens = await count(split.map((u) => u.text));
  const units: SizedUnit[] = split.map((unit, i) => ({ ...unit, tokens: splitTokens[i] ?? 0 }));

  const groups: SizedUnit[][] = [];
  let current: SizedUnit[] = [];
  let tokens = 0;
  for (const unit of units) {
    const previous = current[current.length - 1];
    const boundary = previous !== undefined && options.strategy === 'structure' && startsNewChunk(sections, previous, unit);
    if (current.length > 0 && (tokens + unit.tokens > limit || boundary)) {
      groups.push(current);
      // Overlap only continues the same section: it carries context across a split, never across a boundary.
      current = boundary ? [] : overlapTail(current, options.overlapTokens, unit.tokens, limit);
      tokens = current.reduce((sum, u) => sum + u.tokens, 0);
    }
    current.push(unit);
    tokens += unit.tokens;
  }
  if (current.length > 0) groups.push(current);

  const drafts = groups.map((group) => draft(sections, group));
  const exact = await count(drafts.map((d) => d.text));
  return drafts.map((d, i) => ({ ...d, tokenCount: exact[i] ?? 0, textSha256: sha256(d.text) }));
}

function startsNewChunk(sections: ExtractedSection[], previous: Unit, unit: Unit): boolean {
  if (previous.section === unit.section) return false;
  const a = sections[previous.section];
  const b = sections[unit.section];
  if (!a || !b) return false;
  if (a.location.page !== b.location.page || a.location.slide !== b.location.slide || a.location.sheet !== b.location.sheet) return true;
  if (a.location.member !== b.location.member) return true;
  // A heading opens a chunk, unless the chunk so far is only headings (a heading with its sub-heading).
  return b.kind === 'heading' && a.kind !== 'heading';
}

function overlapTail(group: SizedUnit[], overlapTokens: number, nextSize: number, limit: number): SizedUnit[] {
  const tail: SizedUnit[] = [];
  let tokens = 0;
  for (let i = group.length - 1; i > 0; i--) {
    const unit = group[i]!;
    if (tokens + unit.tokens > overlapTokens || tokens + unit.tokens + nextSize > limit) break;
    tail.unshift(unit);
    tokens += unit.tokens;
  }
  return tail;
}

function draft(sections: ExtractedSection[], group: Unit[]): { text: string; location: SourceLocation } {
  const parts: string[] = [];
  let run: Unit[] = [];
  const flush = (): void => {
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last) parts.push(sections[first.section]!.text.slice(first.start, last.end));
    run = [];
  };
  for (const unit of group) {
    if (run.length > 0 && run[0]!.section !== unit.section) flush();
    run.push(unit);
  }
  flush();
  const first = group[0]!;
  const last = group[group.length - 1]!;
  const head = sections[first.section]!.location;
  const location: SourceLocation = {
    ...(head.page !== undefined ? { page: head.page } : {}),
    ...(head.slide !== undefined ? { slide: head.slide } : {}),
    ...(head.sheet !== undefined ? { sheet: head.sheet } : {}),
    ...(head.headingPath?.length ? { headingPath: head.headingPath } : {}),
    ...(head.member !== undefined ? { member: head.member } : {}),
    charStart: head.charStart + first.start,
    charEnd: sections[last.section]!.location.charStart + last.end,
  };
  return { text: parts.join(SECTION_SEPARATOR).trim(), location };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Without an embedding model: words and punctuation, close to what BPE tokenizers count for English. */
export const approximateTokenCounter: TokenCounter = async (texts) => texts.map((t) => (t.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length);
