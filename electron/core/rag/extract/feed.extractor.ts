// RSS and Atom feeds: the channel as a heading, each item as a section with its HTML body as Markdown.
import type { Extractor } from './extractor.js';
import { htmlToMarkdown } from './html-markdown.js';
import { markdownSections } from './markdown-sections.js';
import { decodeBuffer } from './text-decode.js';
import { attr, childrenOf, findAll, localName, parseXml, tagOf, textOf, type XmlNode } from './xml-tree.js';

/** The text of the first child named one of `names` (namespace prefixes ignored). */
function field(node: XmlNode, ...names: string[]): string {
  for (const name of names) {
    const child = childrenOf(node).find((c) => tagOf(c) === name || localName(tagOf(c)) === name);
    if (child) return textOf(childrenOf(child)).trim();
  }
  return '';
}

export const extractFeed: Extractor = async function* (source, ctx) {
  const root = parseXml(decodeBuffer(await source.bytes()));
  const channel = findAll(root, ['channel', 'feed'])[0];
  if (!channel) {
    // Not a feed after all: an XML document; its text is still worth indexing.
    yield* markdownSections(textOf(root).replace(/\n\s*\n\s*/g, '\n\n'), { maxSectionChars: ctx.limits.maxSectionChars });
    return;
  }
  const title = field(channel, 'title');
  ctx.setTitle(title);
  const intro = [title && `# ${title}`, htmlToMarkdown(field(channel, 'description', 'subtitle'))].filter(Boolean).join('\n\n');
  if (intro) yield { text: intro, kind: 'heading', location: title ? { headingPath: [title] } : {} };
  for (const item of findAll(childrenOf(channel), ['item', 'entry'])) {
    ctx.checkCancelled();
    const heading = field(item, 'title');
    const date = field(item, 'pubDate', 'published', 'updated', 'date');
    const linkNode = childrenOf(item).find((c) => localName(tagOf(c)) === 'link');
    const link = linkNode ? attr(linkNode, 'href') ?? textOf(childrenOf(linkNode)).trim() : '';
    const body = htmlToMarkdown(field(item, 'encoded', 'content', 'description', 'summary'));
    const header = [heading && `## ${heading}`, date && `*${date}*`, link && `<${link}>`].filter(Boolean).join('\n\n');
    const base = { headingPath: [title, heading].filter(Boolean) };
    yield* markdownSections(`${header}\n\n${body}`, { maxSectionChars: ctx.limits.maxSectionChars, base });
  }
};
