// HTML → Markdown for every format that arrives as HTML (web pages, DOCX via mammoth, EPUB, feeds).
import { NodeHtmlMarkdown, type TranslatorConfigObject } from 'node-html-markdown';

/** `data:` URIs are kept as a stub: the text says an image was there without pasting kilobytes of base64. */
export function stubDataUri(src: string): string {
  const match = /^data:([^;,]+)(;base64)?,/i.exec(src);
  return match ? `data:${match[1]}${match[2] ?? ''}...` : src;
}

/** Tracking redirects (search engines) point at the real page in a query parameter; cite the page instead. */
export function unwrapRedirect(href: string): string {
  try {
    const url = new URL(href, 'https://x.invalid/');
    if (/(^|\.)bing\.com$/.test(url.hostname) && url.pathname === '/ck/a') {
      const u = url.searchParams.get('u');
      if (u?.startsWith('a1')) {
        const decoded = Buffer.from(u.slice(2).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
        if (decoded.startsWith('/')) return `https://${url.hostname}${decoded}`;
        if (/^[a-z]+:/i.test(decoded)) return decoded;
      }
    }
    if (url.hostname.endsWith('google.com') && url.pathname === '/url') {
      const q = url.searchParams.get('q') ?? url.searchParams.get('url');
      if (q && /^https?:\/\//.test(q)) return q;
    }
  } catch {
    // Not a URL: keep it as it is.
  }
  return href;
}

const translators: TranslatorConfigObject = {
  a: ({ node }) => {
    const raw = node.getAttribute('href');
    const target = raw ? unwrapRedirect(raw) : '';
    // Links that lead nowhere (scripts, undecodable trackers) keep their text only.
    if (!target || /^javascript:/i.test(target) || target.includes('/ck/a?')) return {};
    const href = target.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
    if (/^data:/i.test(href)) return {};
    const title = node.getAttribute('title');
    return {
      postprocess: ({ content }) => content.replace(/(?:\r?\n)+/g, ' '),
      prefix: '[',
      postfix: `](${href}${title ? ` "${title.replace(/"/g, '\\"')}"` : ''})`,
    };
  },
  img: ({ node }) => {
    const src = node.getAttribute('src') ?? '';
    const alt = (node.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
    if (!src && !alt) return { ignore: true };
    // An SVG or tracking pixel inlined as data says nothing; a named image keeps its alt text.
    if (/^data:image\/svg/i.test(src) && !alt) return { ignore: true };
    return { content: `![${alt}](${stubDataUri(src)})`, recurse: false };
  },
  'script,style,noscript,template,svg,iframe,form,button,input,select,nav': { ignore: true },
};

const converter = new NodeHtmlMarkdown({ emDelimiter: '*', strongDelimiter: '**', bulletMarker: '*', keepDataImages: true, maxConsecutiveNewlines: 2 }, translators);
// Links and images inside table cells and links go through their own translator sets.
converter.tableCellTranslators.set('a', translators.a!);
converter.tableCellTranslators.set('img', translators.img!);
converter.aTagTranslators.set('img', translators.img!);

/** Table rows padded to equal widths spend tokens on spaces; one space and `---` say the same. */
function compactTables(markdown: string): string {
  return markdown.replace(/^\|.*\|$/gm, (row) => row.replace(/ {2,}/g, ' ').replace(/-{4,}/g, '---'));
}

export function htmlToMarkdown(html: string): string {
  return compactTables(converter.translate(html)).trim();
}
