import type { CallContext } from '../contract/context.js';
import type { DocumentRow } from './index/documents.repo.js';

/**
 * Reading a document follows its access list; changing it (content, access list, tags, removal) needs write rights:
 * its owner (the user whose ingestion wrote it) or an administrator who may also read it. Re-ingesting a source
 * only ever updates the caller's own document of that source (documents.repo `bySource`), so an access list cannot
 * be taken over by ingesting the same path again.
 */
export function mayWriteDocument(ctx: CallContext, doc: Pick<DocumentRow, 'ingested_by'>): boolean {
  return doc.ingested_by.toLowerCase() === ctx.user.toLowerCase() || ctx.roles.includes('admin');
}
