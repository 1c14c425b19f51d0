// PowerPoint: no maintained Node library keeps slide structure, so the slide XML is read directly.
// One section per slide (title, text, tables, charts as tables, pictures by alt text), one per notes page.
import { ExtractError } from './extract-error.js';
import type { Extractor, SectionDraft } from './extractor.js';
import { markdownTable } from './markdown-table.js';
import { readRelationships, type Relationship } from './ooxml-rels.js';
import type { ZipArchive } from './zip-archive.js';
import { attr, childrenOf, findAll, findFirst, parseXml, tagOf, textOf, type XmlNode } from './xml-tree.js';

function paragraphs(body: XmlNode | undefined): string[] {
  if (!body) return [];
  return findAll(childrenOf(body), ['a:p'])
    .map((p) => findAll(childrenOf(p), ['a:t', 'a:br']).map((n) => (tagOf(n) === 'a:br' ? '\n' : textOf(childrenOf(n)))).join(''))
    .map((t) => t.trim())
    .filter(Boolean);
}

function table(tbl: XmlNode): string {
  const rows = findAll(childrenOf(tbl), ['a:tr']).map((tr) => findAll(childrenOf(tr), ['a:tc']).map((tc) => paragraphs(findFirst(childrenOf(tc), 'a:txBody')).join(' ')));
  return markdownTable(rows);
}

async function chart(zip: ZipArchive, part: string): Promise<string> {
  if (!zip.has(part)) return '';
  const root = parseXml(await zip.readText(part));
  const title = textOf(findAll(findAll(root, ['c:title']), ['a:t']));
  const series = findAll(root, ['c:ser']);
  const values = (node: XmlNode | undefined) => (node ? findAll(childrenOf(node), ['c:pt']).map((pt) => textOf(findAll(childrenOf(pt), ['c:v']))) : []);
  const categories = values(findFirst(series, 'c:cat'));
  const columns = series.map((s) => ({ name: textOf(findAll(findAll(childrenOf(s), ['c:tx']), ['c:v'])) || 'Series', values: values(findFirst(childrenOf(s), 'c:val')) }));
  const rows = categories.map((category, i) => [category, ...columns.map((c) => c.values[i] ?? '')]);
  const heading = `### Chart${title ? `: ${title}` : ''}`;
  return rows.length > 0 ? `${heading}\n\n${markdownTable([['Category', ...columns.map((c) => c.name)], ...rows])}` : heading;
}

interface Shape {
  node: XmlNode;
  y: number;
  x: number;
}

/** Shapes in reading order: top to bottom, then left to right (groups flattened). */
function shapes(tree: XmlNode[]): Shape[] {
  const out: Shape[] = [];
  for (const node of tree) {
    const tag = tagOf(node);
    if (tag === 'p:grpSp') out.push(...shapes(childrenOf(node)));
    else if (tag === 'p:sp' || tag === 'p:graphicFrame' || tag === 'p:pic') {
      const off = findFirst(childrenOf(node), 'a:off');
      out.push({ node, x: Number(attr(off ?? {}, 'x') ?? 0), y: Number(attr(off ?? {}, 'y') ?? 0) });
    }
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

async function renderSlide(zip: ZipArchive, part: string, rels: Map<string, Relationship>): Promise<{ title: string | undefined; text: string }> {
  const root = parseXml(await zip.readText(part));
  const tree = findFirst(root, 'p:spTree');
  let title: string | undefined;
  const blocks: string[] = [];
  for (const { node } of shapes(tree ? childrenOf(tree) : [])) {
    const tag = tagOf(node);
    if (tag === 'p:sp') {
      const placeholder = attr(findFirst(childrenOf(node), 'p:ph') ?? {}, 'type');
      const lines = paragraphs(findFirst(childrenOf(node), 'p:txBody'));
      if (lines.length === 0 || placeholder === 'sldNum' || placeholder === 'dt' || placeholder === 'ftr') continue;
      if ((placeholder === 'title' || placeholder === 'ctrTitle') && !title) {
        title = lines.join(' ');
        blocks.push(`# ${title}`);
      } else blocks.push(lines.join('\n'));
    } else if (tag === 'p:pic') {
      const props = findFirst(childrenOf(node), 'p:cNvPr');
      const alt = (attr(props ?? {}, 'descr') ?? '').replace(/\s+/g, ' ').trim();
      const name = (attr(props ?? {}, 'name') ?? 'image').replace(/\W/g, '');
      blocks.push(`![${alt}](${name}.jpg)`);
    } else {
      const tbl = findFirst(childrenOf(node), 'a:tbl');
      if (tbl) blocks.push(table(tbl));
      const chartRef = findFirst(childrenOf(node), 'c:chart');
      const rel = chartRef ? rels.get(attr(chartRef, 'r:id') ?? '') : undefined;
      if (rel) blocks.push(await chart(zip, rel.target));
    }
  }
  return { title, text: blocks.filter(Boolean).join('\n\n') };
}

async function notes(zip: ZipArchive, rels: Map<string, Relationship>): Promise<string> {
  const rel = [...rels.values()].find((r) => r.type.endsWith('/notesSlide'));
  if (!rel || !zip.has(rel.target)) return '';
  const root = parseXml(await zip.readText(rel.target));
  return findAll(root, ['p:sp'])
    .filter((sp) => !['sldNum', 'sldImg', 'dt', 'ftr', 'hdr'].includes(attr(findFirst(childrenOf(sp), 'p:ph') ?? {}, 'type') ?? ''))
    .flatMap((sp) => paragraphs(findFirst(childrenOf(sp), 'p:txBody')))
    .join('\n');
}

export const extractPptx: Extractor = async function* (_source, ctx) {
  const zip = ctx.zip;
  if (!zip) throw new ExtractError('FILE_CORRUPT', `\`${ctx.name}\` is not a PowerPoint package; open and re-save it, then import it again`);
  const presentation = 'ppt/presentation.xml';
  const rels = await readRelationships(zip, presentation);
  const order = findAll(parseXml(await zip.readText(presentation)), ['p:sldId']).map((n) => rels.get(attr(n, 'r:id') ?? '')?.target);
  let number = 0;
  for (const part of order) {
    number++;
    ctx.checkCancelled();
    if (!part || !zip.has(part)) {
      ctx.warn('SLIDE_MISSING', `Slide ${number} of \`${ctx.name}\` is missing from the file`, { slide: number });
      continue;
    }
    const slideRels = await readRelationships(zip, part);
    const { title, text } = await renderSlide(zip, part, slideRels);
    if (number === 1 && title) ctx.setTitle(title);
    const location = title ? { slide: number, headingPath: [title] } : { slide: number };
    const drafts: SectionDraft[] = [{ text, kind: 'slide', location }];
    const notesText = await notes(zip, slideRels);
    if (notesText) drafts.push({ text: `### Notes:\n${notesText}`, kind: 'notes', location });
    yield* drafts;
  }
};
