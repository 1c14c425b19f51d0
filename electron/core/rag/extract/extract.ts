// The one entry point of extraction: a path in, sections with exact source locations out.
// Formats are told by magic bytes first and extension second; each has its own extractor module.
import { AppError, isAppError } from '../../contract/errors.js';
import { BufferSource, FileSource } from './byte-source.js';
import { corrupt, ExtractError, throwIfCancelled } from './extract-error.js';
import {
  resolveLimits,
  SECTION_SEPARATOR,
  type DocumentFormat,
  type ExtractedDocument,
  type ExtractedSection,
  type ExtractedSummary,
  type ExtractLimits,
  type ExtractOptions,
  type ExtractWarning,
} from './extract.types.js';
import type { ByteSource, ExtractContext, Extractor, MemberInput } from './extractor.js';
import { cfbFormat, sniff, textFormat, unsupported, zipFormat } from './format-detect.js';
import { ZipArchive } from './zip-archive.js';

export * from './extract.types.js';
export { ExtractError, extractErrorCodes, isExtractError, type ExtractErrorCode } from './extract-error.js';

/** Extractors load on first use: a text import never pays for the PDF engine. */
const registry: Record<DocumentFormat, () => Promise<Extractor>> = {
  pdf: async () => (await import('./pdf.extractor.js')).extractPdf,
  docx: async () => (await import('./docx.extractor.js')).extractDocx,
  pptx: async () => (await import('./pptx.extractor.js')).extractPptx,
  xlsx: async () => (await import('./xlsx.extractor.js')).extractSpreadsheet,
  xls: async () => (await import('./xlsx.extractor.js')).extractSpreadsheet,
  html: async () => (await import('./html.extractor.js')).extractHtml,
  markdown: async () => (await import('./markdown.extractor.js')).extractMarkdown,
  text: async () => (await import('./text.extractor.js')).extractText,
  csv: async () => (await import('./csv.extractor.js')).extractCsv,
  json: async () => (await import('./json.extractor.js')).extractJson,
  jsonl: async () => (await import('./json.extractor.js')).extractJsonLines,
  ipynb: async () => (await import('./ipynb.extractor.js')).extractNotebook,
  epub: async () => (await import('./epub.extractor.js')).extractEpub,
  msg: async () => (await import('./msg.extractor.js')).extractMsg,
  feed: async () => (await import('./feed.extractor.js')).extractFeed,
  zip: async () => (await import('./zip.extractor.js')).extractZip,
};

const loadedExtractors = new Map<DocumentFormat, Extractor>();
let loadingObserver: ((loading: boolean) => void) | undefined;

/** Told when an extractor starts and ends loading: the extraction host keeps module loading off a file's clock. */
export function observeExtractorLoading(observer: ((loading: boolean) => void) | undefined): void {
  loadingObserver = observer;
}

async function loadExtractor(format: DocumentFormat): Promise<Extractor> {
  const loaded = loadedExtractors.get(format);
  if (loaded) return loaded;
  loadingObserver?.(true);
  try {
    const extractor = await registry[format]();
    loadedExtractors.set(format, extractor);
    return extractor;
  } finally {
    loadingObserver?.(false);
  }
}

const formatLabel: Record<DocumentFormat, string> = {
  pdf: 'a PDF', docx: 'a Word document', pptx: 'a PowerPoint presentation', xlsx: 'an Excel workbook', xls: 'an Excel 97–2003 workbook',
  html: 'a web page', markdown: 'a Markdown file', text: 'a text file', csv: 'a CSV file', json: 'a JSON file', jsonl: 'a JSON Lines file',
  ipynb: 'a Jupyter notebook', epub: 'an EPUB book', msg: 'an Outlook message', feed: 'an RSS or Atom feed', zip: 'a ZIP archive',
};

/** Sections as they are extracted; `summary()` (hash, format, title, warnings, members) once they have all been read. */
export class ExtractionStream implements AsyncIterable<ExtractedSection> {
  private result: ExtractedSummary | undefined;
  private started = false;

  constructor(private readonly run: () => AsyncGenerator<ExtractedSection, ExtractedSummary>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<ExtractedSection> {
    if (this.started) throw new Error('An extraction stream can be read only once');
    this.started = true;
    const generator = this.run();
    let finished = false;
    try {
      for (;;) {
        const step = await generator.next();
        if (step.done) {
          finished = true;
          this.result = step.value;
          return;
        }
        yield step.value;
      }
    } finally {
      // A reader that stops early (an error while writing, a cancel) lets the producer clean up: close files,
      // stop its extraction host.
      if (!finished) await generator.return(undefined as never).catch(() => undefined);
    }
  }

  summary(): ExtractedSummary {
    if (!this.result) throw new Error('The summary is available once every section has been read');
    return this.result;
  }
}

interface RunParams {
  path: string;
  source: () => Promise<FileSource | BufferSource>;
  limits: ExtractLimits;
  signal: AbortSignal | undefined;
  depth: number;
  zipBudget: { remainingBytes: number };
  member?: string;
}

/**
 * Streams a document's sections without holding its text: plain text, CSV and JSON Lines are read in chunks;
 * other formats are parsed whole (within `maxBufferedBytes`) and then handed out section by section.
 */
export function extractDocumentStream(path: string, options: ExtractOptions = {}): ExtractionStream {
  const limits = resolveLimits(options.limits);
  return new ExtractionStream(() =>
    run({
      path,
      source: () => FileSource.open(path, limits, options.signal),
      limits,
      signal: options.signal,
      depth: 0,
      zipBudget: { remainingBytes: limits.zip.maxTotalUncompressedBytes },
    }),
  );
}

/** Extracts a whole document. Throws an ExtractError (typed, actionable) when the file cannot be extracted. */
export async function extractDocument(path: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  const limits = resolveLimits(options.limits);
  return collect(extractDocumentStream(path, { ...options, limits }), path, limits);
}

async function collect(stream: ExtractionStream, name: string, limits: ExtractLimits): Promise<ExtractedDocument> {
  const sections: ExtractedSection[] = [];
  for await (const section of stream) {
    if (section.location.charEnd > limits.maxDocumentChars) {
      throw new ExtractError(
        'FILE_TOO_LARGE',
        `\`${baseName(name)}\` holds more than ${limits.maxDocumentChars.toLocaleString('en')} characters of text; ingest it with streaming extraction or split it`,
      );
    }
    sections.push(section);
  }
  return { ...stream.summary(), sections };
}

async function* run(params: RunParams): AsyncGenerator<ExtractedSection, ExtractedSummary> {
  const name = params.member ?? baseName(params.path);
  throwIfCancelled(params.signal, name);
  const source = await params.source();
  const warnings: ExtractWarning[] = [];
  const members: ExtractedDocument[] = [];
  let title: string | undefined;
  let archive: ZipArchive | undefined;
  let format: DocumentFormat | undefined;
  try {
    const detected = await detect(source, params);
    format = detected.format;
    archive = detected.archive;
    const ctx: ExtractContext = {
      name,
      format,
      limits: params.limits,
      signal: params.signal,
      depth: params.depth,
      zipBudget: params.zipBudget,
      zip: archive,
      warn: (code, message, location) => void warnings.push(location ? { code, message, location } : { code, message }),
      setTitle: (value) => void (title = value?.replace(/\s+/g, ' ').trim() || undefined),
      checkCancelled: () => throwIfCancelled(params.signal, name),
      extractMember: async (input) => {
        const doc = await extractMember(input, params, name, warnings);
        if (doc) members.push(doc);
        return doc;
      },
    };
    const extractor = await loadExtractor(format);
    let offset = 0;
    for await (const draft of extractor(source, ctx)) {
      throwIfCancelled(params.signal, name);
      const text = draft.text.replace(/[ \t]+$/gm, '').trim();
      if (!text) continue;
      const location = { ...draft.location, charStart: offset, charEnd: offset + text.length };
      if (params.member) location.member = params.member;
      offset = location.charEnd + SECTION_SEPARATOR.length;
      yield { text, kind: draft.kind, location };
    }
    if (offset === 0 && members.length === 0 && !warnings.some((w) => w.code === 'NEEDS_OCR')) {
      warnings.push({ code: 'NO_TEXT', message: `\`${name}\` contains no text to index` });
    }
  } catch (error) {
    throw translate(error, name, params.signal, format ? formatLabel[format] : 'a document');
  } finally {
    archive?.close();
  }
  const sha256 = await source.sha256();
  const summary: ExtractedSummary = { path: params.path, format: format as DocumentFormat, sha256, sizeBytes: source.sizeBytes, warnings };
  if (title) summary.title = title;
  if (format === 'zip' || members.length > 0) summary.members = members;
  return summary;
}

async function detect(source: ByteSource, params: RunParams): Promise<{ format: DocumentFormat; archive?: ZipArchive }> {
  const sniffed = sniff(source.head);
  switch (sniffed.kind) {
    case 'format':
      return { format: sniffed.format };
    case 'text':
      return { format: textFormat(source.head, source.name) };
    case 'binary':
      throw unsupported(source.name, sniffed.label);
    case 'cfb':
      return { format: cfbFormat(await source.bytes(), source.name) };
    case 'zip': {
      const archive = await ZipArchive.open(source, params.limits.zip, params.zipBudget);
      const mimetype = archive.has('mimetype') ? await archive.readText('mimetype') : undefined;
      return { format: zipFormat(archive.entries.map((e) => e.name), mimetype), archive };
    }
  }
}

async function extractMember(input: MemberInput, parent: RunParams, parentName: string, warnings: ExtractWarning[]): Promise<ExtractedDocument | undefined> {
  const member = parent.member ? `${parent.member}/${input.name}` : input.name;
  const params: RunParams = {
    path: member,
    source: async () => {
      if (input.bytes.length === 0) throw new ExtractError('FILE_EMPTY', `\`${member}\` is empty (0 bytes)`);
      return new BufferSource(baseName(input.name), input.bytes);
    },
    limits: parent.limits,
    signal: parent.signal,
    depth: parent.depth + 1,
    zipBudget: parent.zipBudget,
    member,
  };
  try {
    return await collect(new ExtractionStream(() => run(params)), member, parent.limits);
  } catch (error) {
    if (error instanceof ExtractError && error.extractCode !== 'ZIP_BOMB') {
      warnings.push({ code: error.extractCode, message: `${error.message} (in \`${parentName}\`)`, location: { member } });
      return undefined;
    }
    throw error;
  }
}

function translate(error: unknown, name: string, signal: AbortSignal | undefined, label: string): AppError {
  if (signal?.aborted) return isAppError(error) && error.code === 'CANCELLED' ? error : new AppError('CANCELLED', `Extraction of \`${name}\` was cancelled`);
  if (isAppError(error)) return error;
  return corrupt(name, label, error);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
