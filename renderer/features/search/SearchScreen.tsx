import type { FormEvent } from 'react';
import type { RetrievalMode } from '../../api/contract.types.js';
import { CollectionPicker } from '../collections/CollectionPicker.js';
import { useSelectedCollection } from '../collections/collections.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { HitCard } from './HitCard.js';
import { useSearch, type SearchForm } from './search.store.js';

const modes: RetrievalMode[] = ['hybrid', 'bm25', 'vector'];

export function SearchScreen() {
  const collection = useSelectedCollection();
  const form = useSearch((state) => state.form);
  const setField = useSearch((state) => state.setField);
  const search = useSearch((state) => state.search);
  const searching = useSearch((state) => state.searching);
  const hits = useSearch((state) => state.hits);
  const searched = useSearch((state) => state.searched);
  const elapsedMs = useSearch((state) => state.elapsedMs);
  const error = useSearch((state) => state.error);
  const dismissError = useSearch((state) => state.dismissError);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // An empty query still goes to the core, whose message says so.
    if (collection) void search(collection.id);
  };
  const text = (key: keyof Omit<SearchForm, 'mode'>, label: string, placeholder: string, testId: string, className = 'param') => (
    <label className={className}>
      <span className="param-label">{label}</span>
      <input
        className="input input-small"
        spellCheck={false}
        placeholder={placeholder}
        value={form[key]}
        onChange={(event) => setField(key, event.target.value)}
        data-testid={testId}
      />
    </label>
  );

  return (
    <section className="screen" aria-labelledby="search-title">
      <div className="screen-header">
        <h1 id="search-title" className="screen-title">
          Search
        </h1>
        <span className="screen-subtitle">Retrieval only: the passages an answer would be built from</span>
      </div>
      <div className="toolbar">
        <CollectionPicker testId="search-collection" />
      </div>
      {collection && (
        <form className="panel search-form" onSubmit={submit}>
          <div className="toolbar">
            <input
              className="input toolbar-grow"
              type="search"
              placeholder="e.g. coolant pump inspection interval"
              aria-label="Query"
              value={form.query}
              onChange={(event) => setField('query', event.target.value)}
              data-testid="search-query"
            />
            <button type="submit" className="button button-primary" disabled={searching} data-testid="search-submit">
              Search
            </button>
          </div>
          <div className="search-options">
            <label className="param">
              <span className="param-label">Mode</span>
              <select className="select select-small" value={form.mode} onChange={(event) => setField('mode', event.target.value as SearchForm['mode'])} data-testid="search-mode">
                <option value="">collection default ({collection.settings.retrieval.mode})</option>
                {modes.map((mode) => (
                  <option key={mode} value={mode}>
                    {mode}
                  </option>
                ))}
              </select>
            </label>
            <label className="param param-narrow">
              <span className="param-label">Results (k)</span>
              <input
                className="input input-small"
                type="number"
                min="1"
                max="100"
                value={form.k}
                onChange={(event) => setField('k', event.target.value)}
                data-testid="search-k"
              />
            </label>
            {text('formats', 'Formats', 'e.g. pdf, markdown', 'search-formats')}
            {text('sources', 'Source starts with', 'e.g. /data/manuals', 'search-sources', 'param param-wide-flex')}
            {text('tags', 'Tags', 'e.g. manuals', 'search-tags')}
          </div>
        </form>
      )}
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="search-error" />}
      {hits && (
        <div className="search-results">
          <span className="hint" data-testid="search-summary">
            {hits.length === 0 ? 'No passage matches (or none you may see).' : `${hits.length} passage${hits.length === 1 ? '' : 's'}`}
            {elapsedMs !== null && ` · ${Math.round(elapsedMs)} ms`}
          </span>
          <ol className="hits" data-testid="search-hits">
            {hits.map((hit, index) => (
              <HitCard key={hit.chunkId} hit={hit} rank={index + 1} query={searched} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
