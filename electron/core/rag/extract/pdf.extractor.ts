// PDF: text with positions from pdf.js (legacy build, for Node), rebuilt into paragraphs and tables per page.
// A page without a text layer but with images is a scan: reported as NEEDS_OCR, never silently empty.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { corrupt, ExtractError } from './extract-error.js';
import type { ExtractContext, Extractor, SectionDraft } from './extractor.js';
import { splitLong } from './markdown-sections.js';
import { layoutPage, type TextRun } from './pdf-layout.js';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Character maps (CJK fonts) and standard font metrics ship inside pdfjs-dist: nothing is fetched. */
const assets = {
  cMapUrl: `${pathToFileURL(path.join(pdfjsRoot, 'cmaps')).href}/`,
  standardFontDataUrl: `${pathToFileURL(path.join(pdfjsRoot, 'standard_fonts')).href}/`,
};

// pdf.js would import its (large) worker module inside the first getDocument; loading it with this module keeps
// that cost where module loading belongs (off a file's extraction clock, see extract-host.process.ts).
const pdfWorkerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import(pdfWorkerModule);

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);

async function open(bytes: Buffer, ctx: ExtractContext): Promise<PDFDocumentProxy> {
  const task = getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    ...assets,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new ExtractError('FILE_ENCRYPTED', `\`${ctx.name}\` is password-protected; remove the password (print it to a new PDF or use your PDF tool's "remove security") and import it again`);
    }
    throw corrupt(ctx.name, 'a PDF', error);
  }
}

async function pageRuns(page: PDFPageProxy): Promise<TextRun[]> {
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str) continue;
    const [a, b, c, d, x, y] = item.transform as number[];
    runs.push({ str: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(c!, d!) || Math.hypot(a!, b!) });
  }
  return runs;
}

async function hasImages(page: PDFPageProxy): Promise<boolean> {
  const ops = await page.getOperatorList();
  return ops.fnArray.some((fn) => IMAGE_OPS.has(fn));
}

export const extractPdf: Extractor = async function* (source, ctx) {
  const doc = await open(await source.bytes(), ctx);
  try {
    const info = await doc.getMetadata().catch(() => undefined);
    // pdf.js opens a file encrypted with an empty user password without asking: it is indexed, and the report says so
    // (its owner may have meant it to be protected).
    if ((info?.info as { EncryptFilterName?: unknown } | undefined)?.EncryptFilterName) {
      ctx.warn('ENCRYPTED_EMPTY_PASSWORD', `\`${ctx.name}\` is encrypted with an empty user password (anyone can open it); it was indexed as is`);
    }
    const title = (info?.info as { Title?: unknown } | undefined)?.Title;
    // Producers fill Title with placeholders; those name nothing.
    if (typeof title === 'string' && !/^\s*(untitled|\(?anonymous\)?|document\d*|microsoft word - .*)?\s*$/i.test(title)) ctx.setTitle(title);
    const pages = Math.min(doc.numPages, ctx.limits.maxPdfPages);
    if (doc.numPages > pages) ctx.warn('PAGES_SKIPPED', `Only the first ${pages} of ${doc.numPages} pages of \`${ctx.name}\` were read`);
    const headings: Array<{ size: number; text: string }> = [];
    const needOcr: number[] = [];
    for (let number = 1; number <= pages; number++) {
      ctx.checkCancelled();
      let page: PDFPageProxy;
      try {
        page = await doc.getPage(number);
      } catch (error) {
        ctx.warn('PAGE_UNREADABLE', `Page ${number} of \`${ctx.name}\` could not be read (${(error as Error).message}); it was skipped`, { page: number });
        continue;
      }
      try {
        const blocks = layoutPage(await pageRuns(page));
        if (blocks.length === 0) {
          if (await hasImages(page)) needOcr.push(number);
          continue;
        }
        for (const block of blocks) yield* toDrafts(block, number, headings, ctx.limits.maxSectionChars);
      } finally {
        page.cleanup();
      }
    }
    for (const page of needOcr) {
      ctx.warn('NEEDS_OCR', `Page ${page} of \`${ctx.name}\` is an image without a text layer; run OCR on the PDF (e.g. ocrmypdf) and import it again to index it`, { page });
    }
  } finally {
    await doc.destroy();
  }
};

function* toDrafts(block: ReturnType<typeof layoutPage>[number], page: number, headings: Array<{ size: number; text: string }>, max: number): Generator<SectionDraft> {
  if (block.kind === 'heading') {
    while (headings.length > 0 && headings[headings.length - 1]!.size <= block.size) headings.pop();
    headings.push({ size: block.size, text: block.text });
  }
  const headingPath = headings.map((h) => h.text);
  for (const text of block.kind === 'table' ? [block.text] : splitLong(block.text, max)) {
    yield { text, kind: block.kind, location: headingPath.length > 0 ? { page, headingPath } : { page } };
  }
}
