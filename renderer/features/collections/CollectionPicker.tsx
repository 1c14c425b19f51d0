import { useEffect } from 'react';
import { useNavigation } from '../shell/navigation.store.js';
import { useCollections, watchCollections } from './collections.store.js';

/**
 * The collection a RAG screen works on; the choice is shared by Collections, Documents, Search and Ask. Keeps the
 * list current while the screen is shown.
 */
export function CollectionPicker({ testId, disabled }: { testId: string; disabled?: boolean }) {
  const collections = useCollections((state) => state.collections);
  const loaded = useCollections((state) => state.loaded);
  const selectedId = useCollections((state) => state.selectedId);
  const select = useCollections((state) => state.select);
  const go = useNavigation((state) => state.go);

  useEffect(() => watchCollections(), []);

  if (loaded && collections.length === 0) {
    return (
      <p className="empty" data-testid={`${testId}-none`}>
        No collection yet.{' '}
        <button type="button" className="link-button" onClick={() => go('collections')}>
          Create one on the Collections screen.
        </button>
      </p>
    );
  }

  return (
    <label className="collection-picker">
      <span className="panel-label">Collection</span>
      <select className="select" value={selectedId ?? ''} disabled={disabled} onChange={(event) => select(event.target.value)} data-testid={testId}>
        {collections.map((collection) => (
          <option key={collection.id} value={collection.id}>
            {collection.name}
          </option>
        ))}
      </select>
    </label>
  );
}
