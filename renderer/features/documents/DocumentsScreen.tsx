import { useCallback, useEffect } from 'react';
import { CollectionPicker } from '../collections/CollectionPicker.js';
import { useSelectedCollection } from '../collections/collections.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { DocumentRow, LoadingRow } from './DocumentRow.js';
import { DocumentDetail } from './DocumentDetail.js';
import { DocumentFilters } from './DocumentFilters.js';
import { defaultView, documentAt, useDocuments, watchDocuments, type DocumentView } from './documents.store.js';
import { VirtualList } from './VirtualList.js';

/** Row height in pixels; .doc-row in app.css has the same. */
const ROW_HEIGHT = 30;

/** Label, class and the core's sort key (none: the column is not sortable). */
const columns: Array<[string, string, DocumentView['sort'] | null]> = [
  ['Source', '', 'source'],
  ['Format', '', 'format'],
  ['Status', '', null],
  ['Size', 'cell-number', 'size'],
  ['Chunks', 'cell-number', 'chunks'],
  ['Access', '', null],
  ['Tags', '', null],
  ['Warnings', '', null],
  ['Updated', '', 'updated'],
  ['', '', null],
];

/** A header cell; a sortable one is a button that sorts by it, then reverses. */
function HeaderCell({ label, className, sort }: { label: string; className: string; sort: DocumentView['sort'] | null }) {
  const view = useDocuments((state) => state.view);
  const setView = useDocuments((state) => state.setView);
  if (!sort) return <span role="columnheader" className={className}>{label}</span>;
  const active = view.sort === sort;
  return (
    <span role="columnheader" className={className} aria-sort={active ? (view.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="link-button doc-sort"
        onClick={() => setView({ sort, order: active && view.order === 'asc' ? 'desc' : 'asc' })}
        data-testid={`documents-sort-${sort}`}
      >
        {label}
        {active ? (view.order === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </span>
  );
}

export function DocumentsScreen() {
  const collection = useSelectedCollection();
  const total = useDocuments((state) => state.total);
  const pages = useDocuments((state) => state.pages);
  const error = useDocuments((state) => state.error);
  const open = useDocuments((state) => state.open);
  const ensure = useDocuments((state) => state.ensure);
  const view = useDocuments((state) => state.view);
  const openId = useDocuments((state) => state.openId);
  const setOpenId = useDocuments((state) => state.setOpenId);
  const filtered = view.query.trim() !== '' || view.status !== defaultView.status || view.format !== '';
  const onRangeChange = useCallback((first: number, last: number) => ensure(first, last), [ensure]);

  useEffect(() => {
    open(collection?.id ?? null);
  }, [collection?.id, open]);
  useEffect(() => watchDocuments(), []);

  return (
    <section className="screen" aria-labelledby="documents-title">
      <div className="screen-header">
        <h1 id="documents-title" className="screen-title">
          Documents
        </h1>
        <span className="screen-subtitle" data-testid="documents-total">
          {collection && total !== null ? `${total.toLocaleString('en-US')} document${total === 1 ? '' : 's'} you may see` : ''}
        </span>
      </div>
      <div className="toolbar">
        <CollectionPicker testId="documents-collection" />
        {collection && <DocumentFilters />}
      </div>
      {collection && openId !== null && <DocumentDetail key={openId} collectionId={collection.id} documentId={openId} onClose={() => setOpenId(null)} />}
      {error && <ErrorMessage error={error} testId="documents-error" />}
      {collection && total === 0 && (
        <p className="empty" data-testid="documents-empty">
          {filtered ? `No documents in ${collection.name} match these filters.` : `No documents in ${collection.name} that you may see. Add files on the Collections screen.`}
        </p>
      )}
      {collection && total !== null && total > 0 && (
        <div className="doc-table" role="table" aria-label={`Documents of ${collection.name}`} aria-rowcount={total + 1} data-testid="documents-table">
          <div className="doc-row doc-row-header" role="row" aria-rowindex={1}>
            {columns.map(([label, className, sort]) => (
              <HeaderCell key={label} label={label} className={className} sort={sort} />
            ))}
          </div>
          <VirtualList
            count={total}
            rowHeight={ROW_HEIGHT}
            className="doc-list"
            testId="documents-list"
            ariaLabel="Documents"
            onRangeChange={onRangeChange}
            renderRow={(index) => {
              const doc = documentAt(pages, index);
              return doc ? <DocumentRow key={doc.id} doc={doc} /> : <LoadingRow />;
            }}
          />
        </div>
      )}
    </section>
  );
}
