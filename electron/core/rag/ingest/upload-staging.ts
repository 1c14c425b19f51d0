import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/errors.js';

/** What one request may upload in all (the HTTP shell's body limit is 16 MB of base64). */
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  contentBase64: string;
}

/**
 * Uploaded files are written under the data directory, one folder per collection and user, and ingested from
 * there: the caller names no server path, and uploading a file of the same name again updates their document.
 */
export async function stageUploads(dataDir: string, collectionId: string, user: string, files: UploadedFile[]): Promise<string[]> {
  const decoded = checkUploads(files);
  const folder = path.join(dataDir, 'uploads', encodeURIComponent(collectionId), encodeURIComponent(user));
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const staged: string[] = [];
  for (const file of decoded) {
    const target = path.join(folder, file.name);
    await writeFile(target, file.bytes, { mode: 0o600 });
    staged.push(target);
  }
  return staged;
}

/** Refuses bad names and oversized uploads before any job starts. */
export function checkUploads(files: UploadedFile[]): Array<{ name: string; bytes: Buffer }> {
  const decoded = files.map((file) => ({ name: uploadName(file.name), bytes: Buffer.from(file.contentBase64, 'base64') }));
  const total = decoded.reduce((sum, file) => sum + file.bytes.length, 0);
  if (total > MAX_UPLOAD_BYTES) throw new AppError('INVALID_INPUT', `The upload holds ${total} bytes; at most ${MAX_UPLOAD_BYTES} bytes go in one request: send the files in smaller batches`);
  const names = new Set(decoded.map((file) => file.name));
  if (names.size !== decoded.length) throw new AppError('INVALID_INPUT', 'Two uploaded files have the same name; rename one of them');
  return decoded;
}

/** A plain file name: no folders, no parent references, not hidden (hidden files are never ingested). */
function uploadName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed !== path.basename(trimmed) || trimmed.includes('\\') || trimmed.startsWith('.') || /[\u0000-\u001f]/.test(trimmed) || trimmed.length > 255) {
    throw new AppError('INVALID_INPUT', `"${name}" is not a plain file name; give the name without folders, e.g. report.pdf`);
  }
  return trimmed;
}
