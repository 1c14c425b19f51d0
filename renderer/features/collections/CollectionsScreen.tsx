import { useEffect, useState } from 'react';
import { holds, useAuth } from '../auth/auth.store.js';
import { useCollections, useSelectedCollection, watchCollections } from './collections.store.js';
import { CollectionTable } from './CollectionTable.js';
import { CreateCollectionForm } from './CreateCollectionForm.js';
import { IngestPanel } from './IngestPanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import { WatchedFoldersPanel } from './WatchedFoldersPanel.js';

export function CollectionsScreen() {
  const collections = useCollections((state) => state.collections);
  const loaded = useCollections((state) => state.loaded);
  const selected = useSelectedCollection();
  const [creating, setCreating] = useState(false);
  // Creating a collection needs rag.manage: readers are not offered a button that would only be refused.
  const canCreate = holds(useAuth((state) => state.me), 'rag.manage');

  useEffect(() => watchCollections(), []);

  return (
    <section className="screen" aria-labelledby="collections-title">
      <div className="screen-header">
        <h1 id="collections-title" className="screen-title">
          Collections
        </h1>
        <span className="screen-subtitle">{loaded ? `${collections.length} collection${collections.length === 1 ? '' : 's'}` : 'Loading…'}</span>
        <span className="spacer" />
        {!creating && canCreate && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="collection-new">
            New collection
          </button>
        )}
      </div>
      {creating && <CreateCollectionForm onDone={() => setCreating(false)} />}
      {loaded && collections.length === 0 && !creating ? (
        <p className="empty" data-testid="collections-empty">
          No collections yet. A collection holds documents, their index and the settings to search and answer from them.
        </p>
      ) : (
        collections.length > 0 && <CollectionTable collections={collections} />
      )}
      {selected && (
        <div className="collection-detail">
          <IngestPanel key={`ingest-${selected.id}`} collection={selected} />
          <WatchedFoldersPanel key={`watch-${selected.id}`} collection={selected} />
          <SettingsPanel collection={selected} />
        </div>
      )}
    </section>
  );
}
