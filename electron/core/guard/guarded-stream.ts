import type { GuardResult } from './guard-pipeline.js';

/** A sentence ends at . ! ? (then whitespace) or a line break; only whole sentences are scanned and released. */
const SENTENCE_END = /(?:[.!?]["')\]]*\s|\n)/g;

/**
 * Streams a model's answer through the output guardrails. Raw tokens never leave: text is released a whole sentence
 * at a time, after the accumulated sentences pass the scan, so a half-written e-mail address or key cannot slip out
 * before its redaction. When the scan blocks or replaces the answer, streaming stops; the final, fully scanned answer
 * (the job's result) is what callers keep.
 */
export class GuardedStream {
  private raw = '';
  private released = '';
  private scannedUpTo = 0;
  private stopped = false;
  private scanning = false;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly scan: (text: string) => Promise<GuardResult>,
    private readonly release: (delta: string) => void,
  ) {}

  push(text: string): void {
    this.raw += text;
    this.pump();
  }

  /** Waits for scans in flight (call before the final answer is emitted, so the order of events holds). */
  async settle(): Promise<void> {
    while (this.scanning) await this.current;
  }

  /**
   * One scan at a time, always of the latest whole sentences: when tokens outpace the scanner, the sentences that
   * arrived meanwhile are scanned together, so a long answer costs a bounded number of scans, not one per sentence.
   */
  private pump(): void {
    if (this.stopped || this.scanning) return;
    const boundary = lastBoundary(this.raw);
    if (boundary <= this.scannedUpTo) return;
    this.scannedUpTo = boundary;
    this.scanning = true;
    this.current = this.check(this.raw.slice(0, boundary)).finally(() => {
      this.scanning = false;
      this.pump();
    });
  }

  private async check(complete: string): Promise<void> {
    if (this.stopped) return;
    let result: GuardResult;
    try {
      result = await this.scan(complete);
    } catch {
      // Nothing more is released; the final scan of the whole answer meets the same failure and reports it.
      this.stopped = true;
      return;
    }
    const changedOutsideRedaction = result.verdicts.some((v) => v.outcome === 'blocked' || v.outcome === 'replaced');
    if (result.blocked || changedOutsideRedaction || !result.text.startsWith(this.released)) {
      this.stopped = true;
      return;
    }
    const delta = result.text.slice(this.released.length);
    this.released = result.text;
    if (delta) this.release(delta);
  }
}

function lastBoundary(text: string): number {
  let end = 0;
  for (const match of text.matchAll(SENTENCE_END)) end = match.index + match[0].length;
  return end;
}
