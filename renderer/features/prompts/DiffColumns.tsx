import { Fragment } from 'react';
import { foldUnchanged, toColumns, type DiffCell, type DiffRow } from './diff-columns.js';

function Cell({ cell, side }: { cell: DiffCell; side: 'left' | 'right' }) {
  return (
    <>
      <td className={`diff-line diff-${cell.tone}`}>{cell.line ?? ''}</td>
      <td className={`diff-text diff-${cell.tone}`} data-testid={`prompts-diff-${side}`}>
        {cell.segments.map((segment, index) =>
          segment.mark ? (
            <mark key={index} className="diff-mark">
              {segment.text}
            </mark>
          ) : (
            <Fragment key={index}>{segment.text}</Fragment>
          ),
        )}
      </td>
    </>
  );
}

/** The core's side-by-side rows as a two-column table: removed lines red on the left, added green on the right. */
export function DiffColumns({ rows, baseLabel, headLabel }: { rows: readonly DiffRow[]; baseLabel: string; headLabel: string }) {
  return (
    <table className="diff-table">
      <colgroup>
        <col className="diff-col-line" />
        <col />
        <col className="diff-col-line" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th colSpan={2}>{baseLabel}</th>
          <th colSpan={2}>{headLabel}</th>
        </tr>
      </thead>
      <tbody>
        {foldUnchanged(toColumns(rows)).map((row, index) =>
          row.kind === 'skip' ? (
            <tr key={index} className="diff-skip">
              <td colSpan={4}>
                ⋯ {row.count} unchanged line{row.count === 1 ? '' : 's'}
              </td>
            </tr>
          ) : (
            <tr key={index} data-testid="prompts-diff-row" data-kind={row.kind}>
              <Cell cell={row.left} side="left" />
              <Cell cell={row.right} side="right" />
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
