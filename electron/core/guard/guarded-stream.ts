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
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly scan: (text: string) => Promise<GuardResult>,
    private readonly release: (delta: string) => void,
  ) {}

  push(text: string): void {
    this.raw += text;
    if (this.stopped) return;
    const boundary = lastBoundary(this.raw);
    if (boundary <= this.scannedUpTo) return;
    this.scannedUpTo = boundary;
    this.chain = this.chain.then(() => this.check(this.raw.slice(0, boundary)));
  }

  /** Waits for scans in flight (call before the final answer is emitted, so the order of events holds). */
  settle(): Promise<void> {
    return this.chain;
  }

  private async check(complete: string): Promise<void> {
    if (this.stopped) return;
    const result = await this.scan(complete);
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
