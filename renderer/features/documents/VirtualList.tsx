import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

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
 * A scrolling list that draws only the rows in view (plus a few): thousands of rows cost what a screenful does. The
 * range comes from @tanstack/react-virtual (as the Traces list), which also follows the viewport's size and a list
 * that shrinks under a scrolled viewport. The viewport's height comes from the stylesheet. The only inline styles
 * are the spacer's height and the window's offset, set through the CSSOM, which the CSP's style-src allows (it
 * governs style attributes and tags).
 */
export function VirtualList({ count, rowHeight, overscan = 8, renderRow, onRangeChange, className, testId, ariaLabel }: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => viewport.current, estimateSize: () => rowHeight, overscan });
  const items = virtualizer.getVirtualItems();
  // Rows are drawn as one contiguous window: [first, last).
  const first = items[0]?.index ?? 0;
  const last = items.length > 0 ? items[items.length - 1]!.index + 1 : 0;

  useEffect(() => {
    if (last > first) onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  return (
    <div
      ref={viewport}
      className={className ? `vlist ${className}` : 'vlist'}
      tabIndex={0}
      role="rowgroup"
      aria-label={ariaLabel}
      data-testid={testId}
      data-first-row={first}
      data-rendered-rows={last - first}
    >
      <div className="vlist-spacer" style={{ height: virtualizer.getTotalSize() }}>
        <div className="vlist-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => (
            <div key={item.index} className="vlist-row" role="row" aria-rowindex={item.index + 2}>
              {renderRow(item.index)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
