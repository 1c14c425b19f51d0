// Jupyter notebooks: Markdown cells as Markdown, code cells as fenced code in the kernel's language.
import { ExtractError } from './extract-error.js';
import type { Extractor } from './extractor.js';
import { markdownSections } from './markdown-sections.js';
import { decodeBuffer } from './text-decode.js';

interface Notebook {
  cells?: Array<{ cell_type?: string; source?: string | string[] }>;
  metadata?: { title?: string; kernelspec?: { language?: string }; language_info?: { name?: string } };
}

export const extractNotebook: Extractor = async function* (source, ctx) {
  let notebook: Notebook;
  try {
    notebook = JSON.parse(decodeBuffer(await source.bytes())) as Notebook;
  } catch (error) {
    throw new ExtractError('FILE_CORRUPT', `\`${ctx.name}\` is not a valid notebook (${(error as Error).message}); save it again from Jupyter and import it`);
  }
  if (!Array.isArray(notebook.cells)) throw new ExtractError('FILE_CORRUPT', `\`${ctx.name}\` has no cells; save it again from Jupyter (nbformat 4) and import it`);
  const language = notebook.metadata?.kernelspec?.language ?? notebook.metadata?.language_info?.name ?? '';
  const parts: string[] = [];
  for (const cell of notebook.cells) {
    const text = (Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '')).trim();
    if (!text) continue;
    if (cell.cell_type === 'code') parts.push(`\`\`\`${language}\n${text}\n\`\`\``);
    else parts.push(text);
  }
  const sections = markdownSections(parts.join('\n\n'), { maxSectionChars: ctx.limits.maxSectionChars });
  const heading = sections.find((s) => s.kind === 'heading');
  ctx.setTitle(notebook.metadata?.title ?? heading?.text.replace(/^#+\s*/, ''));
  yield* sections;
};
