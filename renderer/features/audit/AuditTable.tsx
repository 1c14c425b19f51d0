import type { AuditEntry } from '../../api/contract.types.js';
import { shortHash } from './audit-filter.js';
import { useAudit } from './audit.store.js';

export const auditTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

const columns = ['Seq', 'Time', 'Actor', 'Action', 'Target', 'Outcome', 'Input', 'Output', 'Payload'];

export function OutcomeBadge({ outcome }: { outcome: AuditEntry['outcome'] }) {
  return <span className={`outcome outcome-${outcome}`}>{outcome}</span>;
}

function Digest({ value }: { value: string | null }) {
  return (
    <td className="cell-mono" title={value ?? 'none'}>
      {shortHash(value, 8)}
    </td>
  );
}

function AuditRow({ entry, selected }: { entry: AuditEntry; selected: boolean }) {
  const select = useAudit((state) => state.select);
  const toggle = () => select(selected ? null : entry.seq);
  return (
    <tr
      className={selected ? 'row-selected row-clickable' : 'row-clickable'}
      onClick={toggle}
      aria-selected={selected}
      data-testid="audit-row"
      data-seq={entry.seq}
      data-action={entry.action}
    >
      <td className="cell-number">
        <button type="button" className="row-select" onClick={(event) => (event.stopPropagation(), toggle())} data-testid="audit-row-open">
          {entry.seq}
        </button>
      </td>
      <td title={entry.time}>{auditTimeFormat.format(new Date(entry.time))}</td>
      <td className="audit-clip" title={entry.actor}>
        {entry.actor}
      </td>
      <td className="audit-action">{entry.action}</td>
      <td className="audit-clip" title={entry.target}>
        {entry.target}
      </td>
      <td>
        <OutcomeBadge outcome={entry.outcome} />
      </td>
      <Digest value={entry.inputDigest} />
      <Digest value={entry.outputDigest} />
      <Digest value={entry.payloadDigest} />
    </tr>
  );
}

/** The matching entries, newest first, paged backwards with "Load older". */
export function AuditTable() {
  const entries = useAudit((state) => state.entries);
  const selectedSeq = useAudit((state) => state.selectedSeq);
  const nextBeforeSeq = useAudit((state) => state.nextBeforeSeq);
  const loading = useAudit((state) => state.loading);
  const loadOlder = useAudit((state) => state.loadOlder);

  return (
    <div className="stacked">
      <div className="table-scroll audit-table">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} className={column === 'Seq' ? 'cell-number' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.seq} entry={entry} selected={entry.seq === selectedSeq} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar">
        <span className="hint" data-testid="audit-count">
          {entries.length.toLocaleString('en-US')} entr{entries.length === 1 ? 'y' : 'ies'} shown
          {nextBeforeSeq === null ? ', back to the start of the trail' : ''}
        </span>
        {nextBeforeSeq !== null && (
          <button type="button" className="button button-small" onClick={() => void loadOlder()} disabled={loading} data-testid="audit-load-older">
            {loading ? 'Loading…' : 'Load older'}
          </button>
        )}
      </div>
    </div>
  );
}
