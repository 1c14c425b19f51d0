import { useCallback, useEffect } from 'react';
import { CollectionPicker } from '../collections/CollectionPicker.js';
import { useSelectedCollection } from '../collections/collections.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { DocumentRow, LoadingRow } from './DocumentRow.js';
import { documentAt, useDocuments, watchDocuments } from './documents.store.js';
import { VirtualList } from './VirtualList.js';

/** Row height in pixels; .doc-row in app.css has the same. */
const ROW_HEIGHT = 30;

const columns: Array<[string, string]> = [
  ['Source', ''],
  ['Format', ''],
  ['Status', ''],
  ['Size', 'cell-number'],
  ['Chunks', 'cell-number'],
  ['Access', ''],
  ['Tags', ''],
  ['Warnings', ''],
  ['Updated', ''],
  ['', ''],
];

export function DocumentsScreen() {
  const collection = useSelectedCollection();
  const total = useDocuments((state) => state.total);
  const pages = useDocuments((state) => state.pages);
  const error = useDocuments((state) => state.error);
  const open = useDocuments((state) => state.open);
  const ensure = useDocuments((state) => state.ensure);
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
      </div>
      {error && <ErrorMessage error={error} testId="documents-error" />}
      {collection && total === 0 && (
        <p className="empty" data-testid="documents-empty">
          No documents in {collection.name} that you may see. Add files on the Collections screen.
        </p>
      )}
      {collection && total !== null && total > 0 && (
        <div className="doc-table" role="table" aria-label={`Documents of ${collection.name}`} aria-rowcount={total + 1} data-testid="documents-table">
          <div className="doc-row doc-row-header" role="row" aria-rowindex={1}>
            {columns.map(([label, className]) => (
              <span key={label} role="columnheader" className={className}>
                {label}
              </span>
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
