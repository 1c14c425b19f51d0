/** No estimate before this much time has passed: the first files or tensors say little about the rest. */
export const MIN_ELAPSED_MS = 3000;

/**
 * Time left for a job, from its average progress rate since it started: `null` while there is nothing to go on
 * (no progress yet, too early, already complete, or a clock that went backwards).
 */
export function remainingMs(progress: number | null, elapsedMs: number): number | null {
  if (progress === null || !Number.isFinite(progress) || progress <= 0 || progress >= 1) return null;
  if (!Number.isFinite(elapsedMs) || elapsedMs < MIN_ELAPSED_MS) return null;
  return Math.round((elapsedMs * (1 - progress)) / progress);
}

/** "8 s", "3 min 05 s", "2 h 07 min": short enough for a row, precise enough to watch it move. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
