import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { visibleRange } from './visible-range.js';

interface VirtualListProps {
  count: number;
  /** Every row has this height in pixels (the stylesheet gives rows the same height). */
  rowHeight: number;
  /** Rows drawn beyond each edge of the viewport, so a fast scroll shows no blank band. */
  overscan?: number;
  renderRow: (index: number) => ReactNode;
  /** Told which rows are drawn, to load the data they need. */
  onRangeChange?: (first: number, last: number) => void;
  className?: string;
  testId?: string;
  ariaLabel?: string;
}

/**
 * A scrolling list that draws only the rows in view (plus a few): thousands of rows cost what a screenful does.
 * The viewport's height comes from the stylesheet. The only inline styles are the spacer's height and the
 * window's offset, set through the CSSOM, which the CSP's style-src allows (it governs style attributes and tags).
 */
export function VirtualList({ count, rowHeight, overscan = 8, renderRow, onRangeChange, className, testId, ariaLabel }: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A shorter list (rows removed, another collection) may leave the viewport scrolled past its end.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (element && element.scrollTop !== scrollTop) setScrollTop(element.scrollTop);
  }, [count, scrollTop]);

  const { first, last } = visibleRange({ scrollTop, height, rowHeight, count, overscan });

  useEffect(() => {
    if (last > first) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index++) {
    rows.push(
      <div key={index} className="vlist-row" role="row" aria-rowindex={index + 2}>
        {renderRow(index)}
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className={className ? `vlist ${className}` : 'vlist'}
      tabIndex={0}
      role="rowgroup"
      aria-label={ariaLabel}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      data-testid={testId}
      data-first-row={first}
      data-rendered-rows={last - first}
    >
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        <div className="vlist-window" style={{ transform: `translateY(${first * rowHeight}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
