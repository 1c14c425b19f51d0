import { useCallback, useState, type FormEvent } from 'react';
import { electronBridge } from '../../api/bridge.types.js';
import type { Collection } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { IngestProgress } from './IngestProgress.js';
import { isIngesting, parseList, parsePaths, useIngest } from './ingest.store.js';
import { usePathDrop } from '../shell/use-path-drop.js';

/** Files and folders into the selected collection: paths (or a drop under Electron), access list, tags. */
export function IngestPanel({ collection }: { collection: Collection }) {
  const run = useIngest((state) => state.runs[collection.id]);
  const start = useIngest((state) => state.start);
  const cancel = useIngest((state) => state.cancel);
  const [paths, setPaths] = useState('');
  const [acl, setAcl] = useState('');
  const [tags, setTags] = useState('');
  const [removeMissing, setRemoveMissing] = useState(false);
  const busy = isIngesting(run);
  const desktop = electronBridge() !== undefined;

  // A drop adds its paths to the box: the access list and tags are still the user's to set before starting.
  const onDropped = useCallback((dropped: string[]) => setPaths((text) => [...parsePaths(text), ...dropped].join('\n')), []);
  const dragging = usePathDrop(onDropped);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Empty paths still go to the core, whose INVALID_INPUT message says what is missing.
    void start(collection.id, { paths: parsePaths(paths), acl: parseList(acl), tags: parseList(tags), removeMissing });
  };

  return (
    <section className="panel ingest-panel" aria-label={`Add documents to ${collection.name}`} data-testid="ingest-panel">
      <form className="ingest-form" onSubmit={submit}>
        <div className="panel-header">
          <span className="panel-label">Add documents</span>
          {desktop && <span className="hint">or drop files and folders on this window</span>}
        </div>
        <label className="stacked">
          <span className="param-label">Files or folders, one per line (folders are read recursively)</span>
          <textarea
            className="textarea"
            placeholder={'/data/manuals\n/data/reports/q3.pdf'}
            spellCheck={false}
            value={paths}
            disabled={busy}
            onChange={(event) => setPaths(event.target.value)}
            data-testid="ingest-paths"
          />
        </label>
        <div className="ingest-options">
          <label className="param" title="Who may retrieve these documents. Empty: only you.">
            <span className="param-label">Access list (empty: only me)</span>
            <input
              className="input input-small"
              placeholder="user:alice, group:analysts, public"
              spellCheck={false}
              value={acl}
              disabled={busy}
              onChange={(event) => setAcl(event.target.value)}
              data-testid="ingest-acl"
            />
          </label>
          <label className="param">
            <span className="param-label">Tags</span>
            <input
              className="input input-small"
              placeholder="e.g. manuals, 2024"
              spellCheck={false}
              value={tags}
              disabled={busy}
              onChange={(event) => setTags(event.target.value)}
              data-testid="ingest-tags"
            />
          </label>
        </div>
        <div className="actions">
          <label className="checkbox" title="Documents under the given folders whose files no longer exist leave the index">
            <input type="checkbox" checked={removeMissing} disabled={busy} onChange={(event) => setRemoveMissing(event.target.checked)} data-testid="ingest-remove-missing" />
            Remove files that are gone
          </label>
          <span className="spacer" />
          <button type="submit" className="button button-primary" disabled={busy} data-testid="ingest-start">
            Start
          </button>
          <button type="button" className="button" disabled={!busy || run?.status === 'cancelling'} onClick={() => void cancel(collection.id)} data-testid="ingest-cancel">
            Cancel
          </button>
        </div>
      </form>
      {run?.error && <ErrorMessage error={run.error} testId="ingest-error" />}
      {run && <IngestProgress run={run} />}
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop files or folders to add them to {collection.name}
        </div>
      )}
    </section>
  );
}
