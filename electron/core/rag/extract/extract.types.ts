// The shape of an extracted document: what chunking, storage and citations build on.

/** Formats Enclave can extract. `zip` documents carry their members instead of sections of their own. */
export type DocumentFormat =
  | 'pdf'
  | 'docx'
  | 'pptx'
  | 'xlsx'
  | 'xls'
  | 'html'
  | 'markdown'
  | 'text'
  | 'csv'
  | 'json'
  | 'jsonl'
  | 'ipynb'
  | 'epub'
  | 'msg'
  | 'feed'
  | 'zip';

export type SectionKind = 'heading' | 'paragraph' | 'table' | 'slide' | 'sheet' | 'page' | 'code' | 'list' | 'notes' | 'email';

/** Where a section sits. charStart/charEnd index the document's full text (see `documentText`). */
export interface SourceLocation {
  page?: number;
  slide?: number;
  sheet?: string;
  headingPath?: string[];
  /** Member path inside a ZIP archive, set on the member documents' sections. */
  member?: string;
  charStart: number;
  charEnd: number;
}

export interface ExtractedSection {
  text: string;
  kind: SectionKind;
  location: SourceLocation;
}

export interface ExtractWarning {
  code: string;
  message: string;
  location?: Partial<SourceLocation>;
}

export interface ExtractedDocument {
  path: string;
  format: DocumentFormat;
  sha256: string;
  sizeBytes: number;
  title?: string;
  sections: ExtractedSection[];
  warnings: ExtractWarning[];
  /** ZIP archives: one document per extracted member (their offsets are relative to the member's own text). */
  members?: ExtractedDocument[];
}

/** Everything of an extracted document but its sections: what a stream reports once it has ended. */
export type ExtractedSummary = Omit<ExtractedDocument, 'sections'>;

export interface ZipLimits {
  /** Entries in one archive (central directory records). */
  maxEntries: number;
  /** Uncompressed bytes in an archive, nested archives included. */
  maxTotalUncompressedBytes: number;
  /** Uncompressed bytes of one entry. */
  maxEntryUncompressedBytes: number;
  /** Uncompressed/compressed ratio of one entry (only judged for entries over 1 MiB). */
  maxCompressionRatio: number;
  /** Archives inside archives: 1 means members may not be archives themselves. */
  maxDepth: number;
}

export interface ExtractLimits {
  /** Any input file. */
  maxFileBytes: number;
  /** Formats whose parsers need the whole file in memory (PDF, Office, EPUB, HTML, JSON, MSG). */
  maxBufferedBytes: number;
  /** Characters `extractDocument` may hold; larger text files must go through `extractDocumentStream`. */
  maxDocumentChars: number;
  /** Plain-text runs longer than this are cut (at a line or word boundary) into several sections. */
  maxSectionChars: number;
  /** PDF pages read; later pages are skipped with a warning. */
  maxPdfPages: number;
  zip: ZipLimits;
}

export const defaultLimits: ExtractLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxBufferedBytes: 256 * 1024 ** 2,
  maxDocumentChars: 64 * 1024 ** 2,
  maxSectionChars: 16 * 1024,
  maxPdfPages: 5_000,
  zip: {
    maxEntries: 10_000,
    maxTotalUncompressedBytes: 1024 ** 3,
    maxEntryUncompressedBytes: 256 * 1024 ** 2,
    maxCompressionRatio: 200,
    maxDepth: 3,
  },
};

export interface ExtractOptions {
  signal?: AbortSignal;
  limits?: Partial<Omit<ExtractLimits, 'zip'>> & { zip?: Partial<ZipLimits> };
}

export function resolveLimits(limits: ExtractOptions['limits']): ExtractLimits {
  return { ...defaultLimits, ...limits, zip: { ...defaultLimits.zip, ...limits?.zip } };
}

/** Separator between sections in a document's full text. */
export const SECTION_SEPARATOR = '\n\n';

/** The document's full text, which every section's charStart/charEnd indexes. */
export function documentText(doc: Pick<ExtractedDocument, 'sections'>): string {
  return doc.sections.map((s) => s.text).join(SECTION_SEPARATOR);
}
