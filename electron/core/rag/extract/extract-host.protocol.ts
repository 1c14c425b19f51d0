// Messages between the ingestion (caller) and an extraction host. One file at a time per host; sections
// travel in batches and the host waits for `more` before the next, so a large file never piles up in memory.
import type { AppErrorShape } from '../../contract/errors.js';
import type { ExtractedSection, ExtractedSummary, ExtractOptions } from './extract.types.js';

export type ExtractRequest =
  | { type: 'extract'; path: string; limits?: ExtractOptions['limits'] }
  | { type: 'more' };

export type ExtractReply =
  /** The host has started and can take a file (its start-up is not charged to a file's budget). */
  | { type: 'ready' }
  /** An extractor module is loading (`paused`) or has loaded (`resumed`): not charged to the file either. */
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'sections'; sections: ExtractedSection[] }
  | { type: 'done'; summary: ExtractedSummary }
  /** `internal`: not an expected extraction failure but a bug; the caller reports it as one. */
  | { type: 'failed'; error: AppErrorShape; internal: boolean; stack?: string };

/** Characters of sections the host sends at once. */
export const SECTION_BATCH_CHARS = 256 * 1024;
