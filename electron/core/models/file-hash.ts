import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../contract/errors.js';

/** Streams a file through SHA-256 with progress, and stops at once when the job is cancelled. */
export async function sha256File(path: string, sizeBytes: number, signal: AbortSignal, onProgress: (fraction: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  let lastReported = 0;
  const stream = createReadStream(path, { highWaterMark: 4 * 1024 * 1024, signal });
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      read += (chunk as Buffer).length;
      if (sizeBytes > 0 && read - lastReported >= sizeBytes / 50) {
        lastReported = read;
        onProgress(read / sizeBytes);
      }
    }
  } catch (error) {
    if (signal.aborted) throw new AppError('CANCELLED', 'The import was cancelled');
    throw new AppError('FILE_NOT_FOUND', `Could not read ${path}: ${(error as Error).message}`);
  }
  return hash.digest('hex');
}
