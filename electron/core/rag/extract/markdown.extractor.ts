// Markdown files: already the shape we want; split into sections along their headings.
import type { Extractor } from './extractor.js';
import { markdownSections } from './markdown-sections.js';
import { decodeBuffer } from './text-decode.js';

export const extractMarkdown: Extractor = async function* (source, ctx) {
  let text = decodeBuffer(await source.bytes());
  // Front matter is metadata, not prose; its title still names the document.
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text.replace(/\r\n?/g, '\n'));
  if (front) {
    const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(front[1]!);
    if (title) ctx.setTitle(title[1]);
    text = text.replace(/\r\n?/g, '\n').slice(front[0].length);
  }
  const sections = markdownSections(text, { maxSectionChars: ctx.limits.maxSectionChars });
  const firstHeading = sections.find((s) => s.kind === 'heading');
  if (!front && firstHeading) ctx.setTitle(firstHeading.text.replace(/^#+\s*/, ''));
  yield* sections;
};
