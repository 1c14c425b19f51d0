// Word documents: mammoth maps styles to semantic HTML (headings, lists, tables), which becomes Markdown.
import mammoth from 'mammoth';
import { corrupt } from './extract-error.js';
import type { Extractor } from './extractor.js';
import { htmlToMarkdown } from './html-markdown.js';
import { markdownSections } from './markdown-sections.js';

/** dc:title from docProps/core.xml, when the author set one. */
export function coreTitle(xml: string): string | undefined {
  const match = /<dc:title>([^<]*)<\/dc:title>/.exec(xml);
  return match?.[1]?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim() || undefined;
}

export const extractDocx: Extractor = async function* (source, ctx) {
  if (ctx.zip?.has('docProps/core.xml')) ctx.setTitle(coreTitle(await ctx.zip.readText('docProps/core.xml')));
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: await source.bytes() },
      {
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"],
        // Images keep their alt text and type; their bytes are not text and are not read.
        // (mammoth adds the alt text itself).
        convertImage: mammoth.images.imgElement(async (image) => ({ src: image.contentType ? `data:${image.contentType};base64,` : '' })),
      },
    );
    html = result.value;
  } catch (error) {
    throw corrupt(ctx.name, 'a Word document', error);
  }
  ctx.checkCancelled();
  // Mammoth drops Office Math; say so rather than index sentences with holes in them.
  if (ctx.zip?.has('word/document.xml') && (await ctx.zip.readText('word/document.xml')).includes('<m:oMath')) {
    ctx.warn('EQUATIONS_DROPPED', `\`${ctx.name}\` contains equations, which were left out of the extracted text`);
  }
  yield* markdownSections(htmlToMarkdown(html), { maxSectionChars: ctx.limits.maxSectionChars });
};
