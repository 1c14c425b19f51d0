// Web pages: the main content (Readability's reader view) rather than navigation, as Markdown.
import { Readability } from '@mozilla/readability';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import type { Extractor } from './extractor.js';
import { htmlToMarkdown } from './html-markdown.js';
import { markdownSections } from './markdown-sections.js';
import { decodeBuffer } from './text-decode.js';

/** Chrome no reader wants: removed before the fallback conversion of the whole body. */
const CHROME = 'script,style,noscript,template,nav,header,footer,aside,form,iframe,svg,[role=navigation],[role=banner],[aria-hidden=true]';

/** The HTML's declared charset, when its bytes say so before any detection guesses. */
function declaredCharset(head: Buffer): string | undefined {
  const match = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head.subarray(0, 4096).toString('latin1'));
  return match?.[1]?.toLowerCase();
}

const textLength = (node: { textContent: string | null } | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').length ?? 0;

export function htmlMainContent(html: string): { title: string | undefined; markdown: string } {
  const { document } = parseHTML(html);
  const title = document.querySelector('title')?.textContent?.trim() || undefined;
  // Readability mutates the document it reads, so it gets its own copy.
  const article = new Readability(parseHTML(html).document as unknown as ConstructorParameters<typeof Readability>[0], { keepClasses: false, charThreshold: 200 }).parse();
  for (const node of document.querySelectorAll(CHROME)) node.remove();
  const main = document.querySelector('main,[role=main]') ?? document.querySelector('#main,#content,article') ?? document.body ?? document.documentElement;
  // Pages that are lists (search results, indexes) have no single article and Readability keeps a sliver of
  // them; when the page's declared main region holds much more text, that region is the content.
  if (article?.content && textLength(article as { textContent: string | null }) >= 0.5 * textLength(main)) {
    return { title: article.title?.trim() || title, markdown: htmlToMarkdown(article.content) };
  }
  return { title, markdown: htmlToMarkdown(main?.innerHTML ?? html) };
}

export const extractHtml: Extractor = async function* (source, ctx) {
  const bytes = await source.bytes();
  const charset = declaredCharset(source.head);
  const html = charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : decodeBuffer(bytes);
  const { title, markdown } = htmlMainContent(html);
  ctx.setTitle(title);
  const heading = title && !markdown.startsWith('# ') ? `# ${title}\n\n` : '';
  yield* markdownSections(heading + markdown, { maxSectionChars: ctx.limits.maxSectionChars });
};
