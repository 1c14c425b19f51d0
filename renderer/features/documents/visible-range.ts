export interface RangeInput {
  scrollTop: number;
  /** The viewport's height in pixels. */
  height: number;
  rowHeight: number;
  count: number;
  overscan: number;
}

/** Rows [first, last) to draw for a viewport: those in view plus `overscan` on each side, within the list. */
export function visibleRange({ scrollTop, height, rowHeight, count, overscan }: RangeInput): { first: number; last: number } {
  if (count === 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, scrollTop);
  // Before the viewport is measured, draw one screenful's worth so the first paint is not empty.
  const shown = height > 0 ? height : rowHeight * 20;
  const first = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const last = Math.min(count, Math.ceil((top + shown) / rowHeight) + overscan);
  return { first: Math.min(first, last), last };
}
