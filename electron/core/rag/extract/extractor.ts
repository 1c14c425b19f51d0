// What every format extractor receives and produces. The driver (extract.ts) turns drafts into
// sections with character offsets, so extractors never count characters themselves.
import type { ZipArchive } from './zip-archive.js';
import type { DocumentFormat, ExtractedDocument, ExtractLimits, SectionKind, SourceLocation } from './extract.types.js';

export type DraftLocation = Omit<SourceLocation, 'charStart' | 'charEnd'>;

export interface SectionDraft {
  text: string;
  kind: SectionKind;
  location?: DraftLocation;
}

/** The bytes of one input: a file on disk or a member of an archive. */
export interface ByteSource {
  /** Base name, for messages. */
  readonly name: string;
  readonly sizeBytes: number;
  /** The first bytes (up to 64 KiB): enough for magic numbers and encoding detection. */
  readonly head: Buffer;
  /** The whole content; refuses inputs over `maxBufferedBytes`. */
  bytes(): Promise<Buffer>;
  /** The content in chunks, never all in memory. */
  stream(): AsyncIterable<Buffer>;
  /** The file on disk, when there is one (parsers that open files by path). */
  readonly filePath?: string;
}

export interface MemberInput {
  /** Path inside the archive. */
  name: string;
  bytes: Buffer;
}

export interface ExtractContext {
  readonly name: string;
  readonly format: DocumentFormat;
  readonly limits: ExtractLimits;
  readonly signal: AbortSignal | undefined;
  /** 0 for the file itself, 1 for a member of an archive, and so on. */
  readonly depth: number;
  /** Uncompressed bytes archives may still expand to, shared by nested archives. */
  readonly zipBudget: { remainingBytes: number };
  /** The opened archive, for formats that are ZIP containers (OOXML, EPUB, ZIP); limits already checked. */
  readonly zip: ZipArchive | undefined;
  warn(code: string, message: string, location?: Partial<SourceLocation>): void;
  setTitle(title: string | undefined): void;
  /** Throws CANCELLED when the caller aborted. */
  checkCancelled(): void;
  /** Extracts an archive member through the same registry; failures other than ZIP_BOMB and CANCELLED become warnings. */
  extractMember(member: MemberInput): Promise<ExtractedDocument | undefined>;
}

export type Extractor = (source: ByteSource, ctx: ExtractContext) => AsyncIterable<SectionDraft>;
