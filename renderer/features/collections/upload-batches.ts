/**
 * How chosen files are split into `rag.ingest` uploads. The renderer may not import the core or the server, so the
 * limits are copied here; test/e2e/upload.e2e.test.ts fails when they drift from the originals.
 */

/** electron/server/request-body.ts MAX_BODY_BYTES: the HTTP shell refuses a longer JSON body (413). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** electron/core/rag/ingest/upload-staging.ts MAX_UPLOAD_BYTES: decoded bytes one request may upload. */
export const MAX_UPLOAD_BYTES = 12 * 1024 * 1024;
/** electron/core/contract/rag.api.ts 'rag.ingest' `files`: at most 200 per call. */
export const MAX_FILES_PER_CALL = 200;
/** Room kept for everything in the body but the files (collection, access list, tags), when files are picked. */
export const ENVELOPE_RESERVE_BYTES = 64 * 1024;

/** What planning needs of a file (a File has both). */
export interface SizedFile {
  name: string;
  size: number;
}

const utf8 = new TextEncoder();

/** Length of the base64 text of `bytes` bytes. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/** Bytes one file adds to the JSON body: `{"name":…,"contentBase64":"…"},`. */
export function fileBodyBytes(file: SizedFile): number {
  return utf8.encode(JSON.stringify(file.name)).length + base64Length(file.size) + 29;
}

/** Bytes of the body without its files: what `envelope` (the call's params with `files: []`) serializes to. */
export const envelopeBytes = (envelope: unknown): number => utf8.encode(JSON.stringify(envelope)).length;

/** Limits are shown in tenths of a MiB: rounding down to one keeps the enforced and the shown limit the same. */
const LIMIT_STEP_BYTES = Math.round(1024 * 1024 / 10);

/** The largest file of this name that is taken for upload (it fits in one request beside `envelope` bytes). */
export function maxFileBytes(name: string, envelope = ENVELOPE_RESERVE_BYTES): number {
  const room = MAX_BODY_BYTES - envelope - fileBodyBytes({ name, size: 0 });
  const fits = Math.min(MAX_UPLOAD_BYTES, Math.floor(room / 4) * 3);
  return Math.max(0, Math.floor(fits / LIMIT_STEP_BYTES) * LIMIT_STEP_BYTES);
}

/** Why a picked file cannot be uploaded, as the screen says it; undefined when it can. */
export function refusal(file: SizedFile, sizeLabel: (bytes: number) => string): string | undefined {
  if (file.name.startsWith('.')) return `${file.name} is a hidden file (its name starts with a dot); hidden files are never indexed.`;
  const limit = maxFileBytes(file.name);
  if (file.size > limit) {
    return `${file.name} is ${sizeLabel(file.size)}; an uploaded file may be at most ${sizeLabel(limit)}. Split it, or ask an administrator to import it from a server folder.`;
  }
  return undefined;
}

export interface UploadPlan {
  /** Indices into the files, in their order, one array per call. */
  batches: number[][];
  /** Files that do not fit in any request, even alone. */
  tooLarge: number[];
}

/**
 * Greedy, in the given order: a batch closes when the next file would pass the body limit, the decoded-bytes limit
 * or the file count. `envelope` is the body's size without files (see envelopeBytes).
 */
export function planUploads(files: readonly SizedFile[], envelope: number): UploadPlan {
  const batches: number[][] = [];
  const tooLarge: number[] = [];
  let current: number[] = [];
  let body = envelope;
  let decoded = 0;
  files.forEach((file, index) => {
    const cost = fileBodyBytes(file);
    if (envelope + cost > MAX_BODY_BYTES || file.size > MAX_UPLOAD_BYTES) {
      tooLarge.push(index);
      return;
    }
    if (current.length > 0 && (body + cost > MAX_BODY_BYTES || decoded + file.size > MAX_UPLOAD_BYTES || current.length === MAX_FILES_PER_CALL)) {
      batches.push(current);
      current = [];
      body = envelope;
      decoded = 0;
    }
    current.push(index);
    body += cost;
    decoded += file.size;
  });
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge };
}
