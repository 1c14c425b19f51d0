import { useEffect, useRef } from 'react';
import { formatValue } from '../evaluations/eval-format.js';
import { CASES_PAGE, useDatasets } from './datasets.store.js';
import { effectiveLabel, labelSummary } from './label-edit.js';

function varsText(vars: Record<string, unknown>): string {
  return Object.entries(vars)
    .map(([name, value]) => `${name}=${formatValue(value)}`)
    .join(', ');
}

/** The version's cases, a page at a time: key, variables, expected answer, tags and label (unsaved ones marked). */
export function CaseList() {
  const page = useDatasets((state) => state.page);
  const offset = useDatasets((state) => state.offset);
  const cursor = useDatasets((state) => state.cursor);
  const pending = useDatasets((state) => state.pending);
  const loading = useDatasets((state) => state.loading);
  const selectedRow = useRef<HTMLTableRowElement>(null);

  // j/k move the cursor; the row follows it into view. (A block body: newer Chromium returns a promise here,
  // which React would take for a cleanup function.)
  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [cursor, offset]);

  if (page === null) return null;
  const last = Math.min(offset + page.cases.length, page.total);
  const { setPage, select } = useDatasets.getState();
  return (
    <div className="stacked dataset-cases">
      <div className="toolbar">
        <span className="panel-label">Cases</span>
        <span className="spacer" />
        <span className="hint" data-testid="dataset-cases-count">
          {page.total === 0 ? 'No cases' : `${offset + 1}–${last} of ${page.total.toLocaleString('en-US')}`}
        </span>
        <button type="button" className="button button-small" onClick={() => void setPage(offset - CASES_PAGE)} disabled={loading || offset === 0} data-testid="dataset-cases-prev">
          Previous
        </button>
        <button type="button" className="button button-small" onClick={() => void setPage(offset + CASES_PAGE)} disabled={loading || last >= page.total} data-testid="dataset-cases-next">
          Next
        </button>
      </div>
      <div className="table-scroll dataset-cases-table">
        <table className="table" data-testid="dataset-cases">
          <thead>
            <tr>
              <th className="cell-number">#</th>
              <th>Case</th>
              <th>Human label</th>
              <th>Variables</th>
              <th>Expected</th>
              <th>Tags</th>
            </tr>
          </thead>
          <tbody>
            {page.cases.map((item, index) => {
              const unsaved = Object.hasOwn(pending, item.key);
              const label = labelSummary(effectiveLabel(item, pending));
              const selected = index === cursor;
              return (
                <tr
                  key={item.key}
                  ref={selected ? selectedRow : undefined}
                  className={selected ? 'row-selected row-clickable' : 'row-clickable'}
                  onClick={() => select(index)}
                  aria-selected={selected}
                  data-testid="dataset-case-row"
                  data-case={item.key}
                  data-label={label}
                  data-unsaved={unsaved}
                >
                  <td className="cell-number muted">{item.ordinal}</td>
                  <td className="cell-mono">{item.key}</td>
                  <td className={unsaved ? 'dataset-label dataset-label-unsaved' : 'dataset-label'} title={unsaved ? `Unsaved (stored: ${labelSummary(item.human)})` : undefined}>
                    {label}
                    {unsaved && <span className="dataset-unsaved-mark" aria-label="unsaved"> ●</span>}
                  </td>
                  <td className="eval-clip" title={varsText(item.vars)}>
                    {varsText(item.vars)}
                  </td>
                  <td className="eval-clip" title={item.expected ?? ''}>
                    {item.expected ?? <span className="muted">—</span>}
                  </td>
                  <td className="eval-clip">{item.tags.join(', ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
