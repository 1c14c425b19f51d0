// ZIP archives: each member extracted through the same registry (archives inside archives too), within
// the limits that ZipArchive checked against the central directory before anything was inflated.
import { ExtractError } from './extract-error.js';
import type { Extractor } from './extractor.js';

/** Operating-system litter that is never a document. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export const extractZip: Extractor = async function* (_source, ctx) {
  const zip = ctx.zip;
  if (!zip) throw new ExtractError('FILE_CORRUPT', `\`${ctx.name}\` is not a readable ZIP archive; unpack it and import the files`);
  if (ctx.depth >= ctx.limits.zip.maxDepth) {
    throw new ExtractError('ZIP_BOMB', `\`${ctx.name}\` is nested more than ${ctx.limits.zip.maxDepth} archives deep and was not expanded; unpack it and import the files`);
  }
  for (const entry of zip.entries) {
    ctx.checkCancelled();
    if (entry.directory || JUNK.test(entry.name)) continue;
    if (entry.encrypted) {
      ctx.warn('FILE_ENCRYPTED', `\`${entry.name}\` in \`${ctx.name}\` is encrypted; unpack it with its password and import it`, { member: entry.name });
      continue;
    }
    await ctx.extractMember({ name: entry.name, bytes: await zip.read(entry.name) });
  }
};
