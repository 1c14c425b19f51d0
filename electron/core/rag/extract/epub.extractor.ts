// EPUB: the package (OPF) gives metadata and reading order; each spine document is XHTML → Markdown.
import path from 'node:path';
import { ExtractError } from './extract-error.js';
import type { Extractor } from './extractor.js';
import { htmlToMarkdown } from './html-markdown.js';
import { markdownSections } from './markdown-sections.js';
import { resolvePart } from './ooxml-rels.js';
import { attr, childrenOf, findAll, findFirst, localName, parseXml, tagOf, textOf, type XmlNode } from './xml-tree.js';

const metadataLabels: Array<[string, string]> = [
  ['title', 'Title'],
  ['creator', 'Authors'],
  ['publisher', 'Publisher'],
  ['date', 'Date'],
  ['language', 'Language'],
  ['identifier', 'Identifier'],
  ['description', 'Description'],
];

function metadata(opf: XmlNode[]): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const meta = findAll(opf, ['metadata', 'opf:metadata'])[0];
  for (const node of meta ? childrenOf(meta) : []) {
    const tag = tagOf(node);
    if (!tag.startsWith('dc:')) continue;
    const text = textOf(childrenOf(node)).replace(/\s+/g, ' ').trim();
    if (text) values.set(localName(tag), [...(values.get(localName(tag)) ?? []), text]);
  }
  return values;
}

export const extractEpub: Extractor = async function* (_source, ctx) {
  const zip = ctx.zip;
  const broken = (why: string) => new ExtractError('FILE_CORRUPT', `\`${ctx.name}\` is not a valid EPUB (${why}); export it again and import it`);
  if (!zip?.has('META-INF/container.xml')) throw broken('META-INF/container.xml is missing');
  const rootfile = findFirst(parseXml(await zip.readText('META-INF/container.xml')), 'rootfile');
  const opfPath = rootfile ? attr(rootfile, 'full-path') : undefined;
  if (!opfPath || !zip.has(opfPath)) throw broken('its package document is missing');
  const opf = parseXml(await zip.readText(opfPath));
  const meta = metadata(opf);
  ctx.setTitle(meta.get('title')?.[0]);
  const lines = metadataLabels.filter(([key]) => meta.has(key)).map(([key, label]) => `**${label}:** ${meta.get(key)!.join(', ')}`);
  if (lines.length > 0) yield { text: lines.join('\n'), kind: 'paragraph' };

  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of findAll(opf, ['item', 'opf:item'])) {
    const id = attr(item, 'id');
    const href = attr(item, 'href');
    if (id && href) manifest.set(id, { href: resolvePart(opfPath, href), type: attr(item, 'media-type') ?? '', properties: attr(item, 'properties') ?? '' });
  }
  for (const ref of findAll(opf, ['itemref', 'opf:itemref'])) {
    ctx.checkCancelled();
    const item = manifest.get(attr(ref, 'idref') ?? '');
    // The navigation document repeats chapter titles as a table of contents: not content.
    if (!item || item.properties.split(/\s+/).includes('nav') || !/html/.test(item.type)) continue;
    if (!zip.has(item.href)) {
      ctx.warn('CHAPTER_MISSING', `\`${path.posix.basename(item.href)}\` is listed in \`${ctx.name}\` but missing from it`);
      continue;
    }
    const html = await zip.readText(item.href);
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    yield* markdownSections(htmlToMarkdown(body), { maxSectionChars: ctx.limits.maxSectionChars });
  }
};
