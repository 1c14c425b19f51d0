// How much time and memory one file's extraction may take before it is stopped and reported FILE_TOO_COMPLEX.
// A parser fed a hostile file (a bit-flipped workbook, a 20,000-level Markdown list) can spin or allocate without
// end; the budget bounds it so the rest of an ingestion goes on.

export interface ExtractBudget {
  /** Wall-clock time a file's extraction may spend working (time the worker waits for the caller is not counted). */
  timeoutMs: number;
  /** V8 heap the extraction worker may grow to; Buffers (file bytes) are bounded by the size limits instead. */
  heapMb: number;
}

export const defaultExtractBudget: ExtractBudget = { timeoutMs: 60_000, heapMb: 1024 };

/**
 * The budget from the environment, for operators and tests: `ENCLAVE_EXTRACT_TIMEOUT_MS`, `ENCLAVE_EXTRACT_HEAP_MB`.
 * A value that is not a positive number is ignored rather than trusted (a typo must not remove the bound).
 */
export function extractBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): ExtractBudget {
  return {
    timeoutMs: positive(env.ENCLAVE_EXTRACT_TIMEOUT_MS) ?? defaultExtractBudget.timeoutMs,
    heapMb: positive(env.ENCLAVE_EXTRACT_HEAP_MB) ?? defaultExtractBudget.heapMb,
  };
}

function positive(value: string | undefined): number | undefined {
  const parsed = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : undefined;
}

/** "60 s", "1.5 s", "800 ms": how a budget reads in a message. */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Math.round(ms)} ms`;
}
