import { useState } from 'react';
import type { DocumentInfo } from '../../api/contract.types.js';
import { formatBytes } from '../models/model-format.js';
import { displayName, displayStatus } from './document-display.js';
import { useDocuments } from './documents.store.js';

const updatedFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** One document; every cell is one line (the list relies on a fixed row height), the full text is in the tooltip. */
export function DocumentRow({ doc }: { doc: DocumentInfo }) {
  const remove = useDocuments((state) => state.remove);
  const setOpenId = useDocuments((state) => state.setOpenId);
  const [confirming, setConfirming] = useState(false);
  const access = doc.acl.join(', ');
  const tags = doc.tags.join(', ');
  const warnings = doc.warnings.map((warning) => `${warning.code}: ${warning.message}`).join('\n');
  const status = displayStatus(doc);

  return (
    <div className="doc-row" data-testid="document-row" data-source={doc.source} data-document-id={doc.id}>
      <span role="cell" className="doc-source" title={doc.title ? `${doc.title}\n${doc.source}` : doc.source} data-testid="document-source">
        <button type="button" className="link-button doc-open" onClick={() => setOpenId(doc.id)} data-testid="document-open">
          {displayName(doc.source)}
          {doc.title && doc.title !== displayName(doc.source) && <span className="doc-title"> {doc.title}</span>}
        </button>
      </span>
      <span role="cell" className="doc-format">
        {doc.format}
      </span>
      <span role="cell" className={`doc-status doc-status-${status === doc.status ? doc.status : 'attention'}`} title={status === doc.status ? undefined : warnings} data-testid="document-status">
        {status}
      </span>
      <span role="cell" className="cell-number">
        {formatBytes(doc.sizeBytes)}
      </span>
      <span role="cell" className="cell-number" data-testid="document-chunks">
        {doc.chunkCount.toLocaleString('en-US')}
      </span>
      <span role="cell" className="doc-clip" title={access} data-testid="document-acl">
        {access}
      </span>
      <span role="cell" className="doc-clip" title={tags}>
        {tags}
      </span>
      <span role="cell" className={doc.warnings.length > 0 ? 'doc-clip doc-warning' : 'doc-clip'} title={warnings}>
        {doc.warnings.length > 0 ? `${doc.warnings.length} · ${doc.warnings[0]!.code}` : ''}
      </span>
      <span role="cell" className="doc-clip" title={doc.updatedAt}>
        {updatedFormat.format(new Date(doc.updatedAt))}
      </span>
      <span role="cell" className="cell-actions">
        {confirming ? (
          <span className="confirm">
            Remove?
            <button type="button" className="button button-small button-danger" onClick={() => void remove(doc.id)} data-testid="document-remove-confirm">
              Yes
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              No
            </button>
          </span>
        ) : (
          <button type="button" className="row-action row-action-danger" onClick={() => setConfirming(true)} data-testid="document-remove">
            Remove
          </button>
        )}
      </span>
    </div>
  );
}

/** A row whose page is still on its way. */
export function LoadingRow() {
  return (
    <div className="doc-row doc-row-loading" aria-busy="true">
      <span role="cell">Loading…</span>
    </div>
  );
}
