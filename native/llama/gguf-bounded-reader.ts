import { readSync } from 'node:fs';

/**
 * Reads an untrusted file front to back through one fixed-size window. Whatever a length field claims, at most the
 * window is ever allocated: a claimed length is checked against the caller's limit and the bytes that remain before
 * anything is read, so a 2^31-byte "string" fails with a message instead of reaching Buffer#toString.
 */
export class BoundedFileReader {
  private readonly window: Buffer;
  private windowStart = 0;
  private windowLength = 0;
  /** The file offset of the next byte to read. */
  offset = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
    windowBytes: number,
    private readonly fail: (detail: string) => never,
  ) {
    this.window = Buffer.alloc(windowBytes);
  }

  get remaining(): number {
    return this.size - this.offset;
  }

  u8(what: string): number { return this.window.readUInt8(this.take(1, what)); }
  i8(what: string): number { return this.window.readInt8(this.take(1, what)); }
  u16(what: string): number { return this.window.readUInt16LE(this.take(2, what)); }
  i16(what: string): number { return this.window.readInt16LE(this.take(2, what)); }
  u32(what: string): number { return this.window.readUInt32LE(this.take(4, what)); }
  i32(what: string): number { return this.window.readInt32LE(this.take(4, what)); }
  u64(what: string): bigint { return this.window.readBigUInt64LE(this.take(8, what)); }
  i64(what: string): bigint { return this.window.readBigInt64LE(this.take(8, what)); }
  f32(what: string): number { return this.window.readFloatLE(this.take(4, what)); }
  f64(what: string): number { return this.window.readDoubleLE(this.take(8, what)); }

  /** A GGUF string (u64 length, then UTF-8 bytes) of at most `maxBytes`; `keep: false` skips its bytes unread. */
  string(maxBytes: number, what: string, keep = true): string {
    const start = this.offset;
    const length = this.u64(`the length of ${what}`);
    if (length > BigInt(maxBytes)) this.fail(`${what} at offset ${start} claims ${length} bytes (the limit is ${maxBytes})`);
    const bytes = Number(length);
    if (bytes > this.remaining) this.fail(`${what} at offset ${start} claims ${bytes} bytes but only ${this.remaining} remain in the file`);
    if (!keep) {
      this.offset += bytes;
      return '';
    }
    const at = this.take(bytes, what);
    return this.window.toString('utf8', at, at + bytes);
  }

  /** Moves past `bytes` bytes without reading them (fixed-size array elements nobody keeps). */
  skip(bytes: bigint, what: string): void {
    if (bytes > BigInt(this.remaining)) this.fail(`${what} at offset ${this.offset} needs ${bytes} bytes but only ${this.remaining} remain in the file`);
    this.offset += Number(bytes);
  }

  /** Makes `n` bytes at the current offset readable in the window and returns where they start in it. */
  private take(n: number, what: string): number {
    if (n > this.remaining) this.fail(`${what} at offset ${this.offset} is cut off: the file ends at byte ${this.size}; it may be truncated`);
    if (n > this.window.length) this.fail(`${what} at offset ${this.offset} is larger than the reader allows`);
    if (this.offset < this.windowStart || this.offset + n > this.windowStart + this.windowLength) this.refill(n, what);
    const at = this.offset - this.windowStart;
    this.offset += n;
    return at;
  }

  private refill(needed: number, what: string): void {
    const length = Math.min(this.window.length, this.size - this.offset);
    let read = 0;
    while (read < length) {
      const got = readSync(this.fd, this.window, read, length - read, this.offset + read);
      if (got === 0) break;
      read += got;
    }
    // The size came from fstat; a file that shrinks while it is read is as untrustworthy as a short one.
    if (read < needed) this.fail(`${what} at offset ${this.offset} could not be read: the file got shorter while it was read`);
    this.windowStart = this.offset;
    this.windowLength = read;
  }
}
