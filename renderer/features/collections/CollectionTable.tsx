import { useState } from 'react';
import type { Collection } from '../../api/contract.types.js';
import { formatCount } from '../models/model-format.js';
import { useCollections } from './collections.store.js';
import { useModelName } from './ModelSelect.js';

const columns: Array<[string, boolean]> = [
  ['Name', false],
  ['Documents', true],
  ['Chunks', true],
  ['Embedding', false],
  ['Retrieval', false],
  ['Version', true],
  ['Index', false],
  ['', true],
];

export function CollectionTable({ collections }: { collections: Collection[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="collection-table">
        <thead>
          <tr>
            {columns.map(([label, numeric]) => (
              <th key={label} className={numeric ? 'cell-number' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {collections.map((collection) => (
            <CollectionRow key={collection.id} collection={collection} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CollectionRow({ collection }: { collection: Collection }) {
  const selected = useCollections((state) => state.selectedId === collection.id);
  const building = useCollections((state) => collection.id in state.reindexing) || collection.indexStatus === 'building';
  const select = useCollections((state) => state.select);
  const remove = useCollections((state) => state.remove);
  const embedding = useModelName(collection.settings.embeddingModel);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const { retrieval } = collection.settings;

  return (
    <tr
      className={selected ? 'row-selected row-clickable' : 'row-clickable'}
      onClick={() => select(collection.id)}
      aria-selected={selected}
      data-testid="collection-row"
      data-collection-name={collection.name}
    >
      <td className="cell-name">
        <button type="button" className="row-select" onClick={() => select(collection.id)} data-testid="collection-select">
          {collection.name}
        </button>
      </td>
      <td className="cell-number" data-testid="collection-documents">
        {formatCount(collection.documentCount)}
      </td>
      <td className="cell-number" data-testid="collection-chunks">
        {formatCount(collection.chunkCount)}
      </td>
      <td>{embedding ?? <span className="muted">none (full text)</span>}</td>
      <td>
        {retrieval.mode} · k={retrieval.k}
      </td>
      <td className="cell-number" data-testid="collection-version">
        v{collection.settingsVersion}
      </td>
      <td data-testid="collection-index-status">
        {building ? <span className="status-building">re-indexing…</span> : <span className="status-ok">ready</span>}
      </td>
      <td className="cell-actions" onClick={(event) => event.stopPropagation()}>
        {confirmingRemove ? (
          <span className="confirm">
            Remove {collection.name} and its index?
            <button type="button" className="button button-small button-danger" onClick={() => void remove(collection.id)} data-testid="collection-remove-confirm">
              Yes
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirmingRemove(false)}>
              No
            </button>
          </span>
        ) : (
          <button type="button" className="row-action row-action-danger" onClick={() => setConfirmingRemove(true)} data-testid="collection-remove">
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
