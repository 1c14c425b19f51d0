import type { DocumentInfo } from '../../api/contract.types.js';
import { fileName } from '../models/models.store.js';

/**
 * The name shown for a document. Archive members are stored as `archive.zip!/inner/path`: the last segment alone
 * made two members read "test.docx", so a member reads "archive.zip › inner/path".
 */
export function displayName(source: string): string {
  const at = source.indexOf('!/');
  if (at < 0) return fileName(source);
  return `${fileName(source.slice(0, at))} › ${source.slice(at + 2)}`;
}

/**
 * What a person should read in the status cell. "indexed · 0 chunks" hid why a scanned PDF answered nothing: a
 * document indexed without a chunk says whether it needs OCR or had no text at all.
 */
export function displayStatus(doc: Pick<DocumentInfo, 'status' | 'chunkCount' | 'warnings'>): string {
  if (doc.status !== 'indexed' || doc.chunkCount > 0) return doc.status;
  if (doc.warnings.some((w) => w.code === 'NEEDS_OCR')) return 'needs OCR';
  if (doc.warnings.some((w) => w.code === 'NO_TEXT')) return 'no text';
  return doc.status;
}
