import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTraces, type TraceRow } from './traces.store.js';

const ROW_HEIGHT = 30;

/**
 * Every matching trace in one scrolling list that draws only the rows in view (@tanstack/react-virtual); nearing
 * the end loads the next page. Row positions are set through the CSSOM (the CSP allows it; style attributes it does not).
 */
export function TraceList() {
  const rows = useTraces((s) => s.rows);
  const nextCursor = useTraces((s) => s.nextCursor);
  const selectedId = useTraces((s) => s.selectedId);
  const select = useTraces((s) => s.select);
  const loadMore = useTraces((s) => s.loadMore);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && last.index >= rows.length - 20 && nextCursor) void loadMore();
  }, [last?.index, rows.length, nextCursor, loadMore]);

  return (
    <div className="traces-list" role="table" aria-label="Traces" data-testid="traces-list">
      <div className="traces-row traces-head" role="row">
        <span role="columnheader">Started</span><span role="columnheader">Operation</span><span role="columnheader">Model</span><span role="columnheader">User</span>
        <span role="columnheader">Status</span><span role="columnheader" className="num">ms</span><span role="columnheader" className="num">Tokens</span>
        <span role="columnheader">Input</span><span role="columnheader">Fb</span>
      </div>
      <div ref={parent} className="traces-viewport">
        <div className="traces-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return <Row key={row.id} row={row} top={item.start} selected={row.id === selectedId} onSelect={() => void select(row.id)} />;
          })}
        </div>
      </div>
    </div>
  );
}

function Row({ row, top, selected, onSelect }: { row: TraceRow; top: number; selected: boolean; onSelect: () => void }) {
  return (
    <div role="row" tabIndex={0} className={`traces-row traces-item${selected ? ' traces-item-selected' : ''}`} style={{ transform: `translateY(${top}px)` }}
      onClick={onSelect} onKeyDown={(e) => { if (e.key === 'Enter') onSelect(); }} data-testid="trace-row" data-trace-id={row.id}>
      <span role="cell">{new Date(row.startedAt).toLocaleString()}</span>
      <span role="cell">{row.operation}</span>
      <span role="cell">{row.model || '—'}</span>
      <span role="cell">{row.user}</span>
      <span role="cell" className={row.status === 'error' ? 'trace-status-error' : 'trace-status-ok'}>{row.errorCode ?? row.status}</span>
      <span role="cell" className="num">{Math.round(row.durationMs)}</span>
      <span role="cell" className="num">{row.inputTokens}/{row.outputTokens}</span>
      <span role="cell" className="traces-input" title={row.input}>{row.input.replace(/\s+/g, ' ')}</span>
      <span role="cell">{row.feedback === null ? '' : row.feedback > 0 ? '▲' : '▼'}{row.score !== null ? ` ${row.score}` : ''}</span>
    </div>
  );
}
