/**
 * How deep a dataset row's JSON may nest. Real rows nest a few levels (vars → a list → an object); a row nested
 * thousands deep is either an accident or an attack, and every recursive walk after parsing (hashing, rendering,
 * zod) would overflow the stack on it: the row is refused instead, with its line number.
 */
export const MAX_ROW_DEPTH = 64;

/** Whether `value` nests objects/arrays deeper than `limit`, measured without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current as Record<string, unknown>)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}
