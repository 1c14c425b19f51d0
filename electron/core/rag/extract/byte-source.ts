import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { ExtractError } from './extract-error.js';
import type { ExtractLimits } from './extract.types.js';
import type { ByteSource } from './extractor.js';

const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

function unreadable(name: string, error: unknown): ExtractError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'does not exist (was it moved or deleted?)'
    : code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied; give Enclave read access and import it again'
    : code === 'EISDIR' ? 'is a folder; import the files inside it instead'
    : `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new ExtractError('FILE_UNREADABLE', `\`${name}\` ${why}`, { errno: code });
}

function tooLarge(name: string, size: number, limit: number, what: string): ExtractError {
  const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;
  return new ExtractError('FILE_TOO_LARGE', `\`${name}\` is ${mb(size)}, over the ${mb(limit)} limit for ${what}; split it or raise the limit`, {
    sizeBytes: size,
    limitBytes: limit,
  });
}

/** A file on disk. It hashes whatever is read in full, so one pass both extracts and fingerprints. */
export class FileSource implements ByteSource {
  private digest: string | undefined;

  private constructor(
    readonly filePath: string,
    readonly name: string,
    readonly sizeBytes: number,
    readonly head: Buffer,
    private readonly limits: ExtractLimits,
    private readonly signal: AbortSignal | undefined,
  ) {}

  static async open(filePath: string, limits: ExtractLimits, signal: AbortSignal | undefined): Promise<FileSource> {
    const name = path.basename(filePath);
    let size: number;
    let head: Buffer;
    try {
      const info = await stat(filePath);
      if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
      size = info.size;
      if (size === 0) throw new ExtractError('FILE_EMPTY', `\`${name}\` is empty (0 bytes); check the file and import it again`);
      if (size > limits.maxFileBytes) throw tooLarge(name, size, limits.maxFileBytes, 'any file');
      const handle = await open(filePath, 'r');
      try {
        const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (error instanceof ExtractError) throw error;
      throw unreadable(name, error);
    }
    return new FileSource(filePath, name, size, head, limits, signal);
  }

  async bytes(): Promise<Buffer> {
    if (this.sizeBytes > this.limits.maxBufferedBytes) throw tooLarge(this.name, this.sizeBytes, this.limits.maxBufferedBytes, 'this format');
    const parts: Buffer[] = [];
    for await (const chunk of this.stream()) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async *stream(): AsyncIterable<Buffer> {
    const hash: Hash = createHash('sha256');
    let read = 0;
    const input = createReadStream(this.filePath, { highWaterMark: CHUNK_BYTES, signal: this.signal });
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        hash.update(chunk);
        read += chunk.length;
        yield chunk;
      }
    } catch (error) {
      if (this.signal?.aborted) throw error;
      throw unreadable(this.name, error);
    } finally {
      input.destroy();
    }
    if (read === this.sizeBytes) this.digest = hash.digest('hex');
  }

  /** The file's SHA-256: from the extraction's own read when it read everything, else from one more pass. */
  async sha256(): Promise<string> {
    if (this.digest === undefined) for await (const _chunk of this.stream());
    if (this.digest === undefined) throw new ExtractError('FILE_UNREADABLE', `\`${this.name}\` changed while it was read; import it again`);
    return this.digest;
  }
}

/** Bytes already in memory: an archive member. */
export class BufferSource implements ByteSource {
  readonly head: Buffer;
  readonly sizeBytes: number;

  constructor(readonly name: string, private readonly data: Buffer) {
    this.head = data.subarray(0, HEAD_BYTES);
    this.sizeBytes = data.length;
  }

  async bytes(): Promise<Buffer> {
    return this.data;
  }

  async *stream(): AsyncIterable<Buffer> {
    for (let offset = 0; offset < this.data.length; offset += CHUNK_BYTES) yield this.data.subarray(offset, offset + CHUNK_BYTES);
  }

  sha256(): string {
    return createHash('sha256').update(this.data).digest('hex');
  }
}
