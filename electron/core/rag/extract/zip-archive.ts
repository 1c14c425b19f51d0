// A ZIP archive read with limits: counts, sizes and ratios are judged from the central directory before
// anything is inflated, and yauzl checks while inflating that no entry grows past what it declared.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { corrupt, ExtractError } from './extract-error.js';
import type { ZipLimits } from './extract.types.js';
import type { ByteSource } from './extractor.js';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  directory: boolean;
}

const RATIO_FLOOR_BYTES = 1024 * 1024;

const containerLabels: Record<string, string> = {
  docx: 'a Word document', pptx: 'a PowerPoint presentation', xlsx: 'an Excel workbook', epub: 'an EPUB book',
};

/** What a damaged container was meant to be, for the message: its extension says it best. */
function containerLabel(name: string): string {
  return containerLabels[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'a ZIP archive';
}

function bomb(name: string, why: string): ExtractError {
  return new ExtractError('ZIP_BOMB', `\`${name}\` was not expanded: ${why}. It may be a ZIP bomb; if you trust it, unpack it and import the files`);
}

export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    readonly name: string,
    readonly entries: ZipEntryInfo[],
    private readonly raw: Map<string, Entry>,
  ) {}

  /** Opens an archive and reads its central directory; refuses archives that break the limits. */
  static async open(source: ByteSource, limits: ZipLimits, budget: { remainingBytes: number }): Promise<ZipArchive> {
    const options = { autoClose: false, lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
    let zip: ZipFile;
    try {
      zip = source.filePath ? await yauzl.openPromise(source.filePath, options) : await yauzl.fromBufferPromise(await source.bytes(), options);
    } catch (error) {
      throw corrupt(source.name, containerLabel(source.name), error);
    }
    if (zip.entryCount > limits.maxEntries) {
      zip.close();
      throw bomb(source.name, `it has ${zip.entryCount} entries, over the limit of ${limits.maxEntries}`);
    }
    const entries: ZipEntryInfo[] = [];
    const raw = new Map<string, Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        const info: ZipEntryInfo = {
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          encrypted: entry.isEncrypted(),
          directory: entry.fileName.endsWith('/'),
        };
        entries.push(info);
        raw.set(info.name, entry);
      }
    } catch (error) {
      zip.close();
      throw corrupt(source.name, containerLabel(source.name), error);
    }
    try {
      checkLimits(source.name, entries, limits, budget);
    } catch (error) {
      zip.close();
      throw error;
    }
    return new ZipArchive(zip, source.name, entries, raw);
  }

  has(name: string): boolean {
    return this.raw.has(name);
  }

  /** One entry's bytes; sizes were checked when the archive was opened and yauzl enforces them while inflating. */
  async read(name: string): Promise<Buffer> {
    const entry = this.raw.get(name);
    if (!entry) throw corrupt(this.name, 'a ZIP archive', new Error(`entry ${name} is missing`));
    if (entry.isEncrypted()) throw new ExtractError('FILE_ENCRYPTED', `\`${name}\` in \`${this.name}\` is encrypted; unpack the archive with its password and import the files`);
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      const parts: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) parts.push(chunk);
      return Buffer.concat(parts);
    } catch (error) {
      throw corrupt(this.name, containerLabel(this.name), error);
    }
  }

  async readText(name: string): Promise<string> {
    return (await this.read(name)).toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}

/** Judges an archive by its central directory; charges its declared size to the budget shared with its parents. */
export function checkLimits(name: string, entries: readonly ZipEntryInfo[], limits: ZipLimits, budget: { remainingBytes: number }): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.directory) continue;
    if (entry.uncompressedSize > limits.maxEntryUncompressedBytes) {
      throw bomb(name, `\`${entry.name}\` would expand to ${mb(entry.uncompressedSize)}, over the ${mb(limits.maxEntryUncompressedBytes)} limit for one entry`);
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
      throw bomb(name, `\`${entry.name}\` is compressed ${Math.round(ratio)}:1, over the ${limits.maxCompressionRatio}:1 limit`);
    }
    total += entry.uncompressedSize;
  }
  const limit = Math.min(limits.maxTotalUncompressedBytes, budget.remainingBytes);
  if (total > limit) throw bomb(name, `its entries would expand to ${mb(total)}, over the ${mb(limit)} limit`);
  budget.remainingBytes -= total;
}

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;
