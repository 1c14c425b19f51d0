import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client.js';
import type { Collection, Output } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { reportError, reportInfo } from '../shell/notices.store.js';

type Watch = Output<'rag.watch.list'>[number];

/**
 * Folders kept in sync with a collection: changed files are ingested, deleted ones removed, and the watch resumes
 * when the app starts. A folder is a path on the machine running the core, so adding one needs `files.serverPaths`
 * as well as `rag.ingest`; everyone who may read the collection sees the list.
 */
export function WatchedFoldersPanel({ collection }: { collection: Collection }) {
  const me = useAuth((state) => state.me);
  const canWatch = holds(me, 'rag.ingest') && holds(me, 'files.serverPaths');
  const [watches, setWatches] = useState<Watch[]>([]);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setWatches(await call('rag.watch.list', { collection: collection.id }));
    } catch (error) {
      reportError(error);
    }
  }, [collection.id]);
  useEffect(() => void reload(), [reload]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await call('rag.watch.add', { collection: collection.id, folder: folder.trim() });
      // The first pass over the folder runs as a job: the Activity panel shows its progress.
      reportInfo(`Watching ${folder.trim()}: its files are being added (see Activity).`);
      setFolder('');
      await reload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (watch: Watch) => {
    try {
      await call('rag.watch.remove', { collection: collection.id, folder: watch.folder });
      await reload();
    } catch (error) {
      reportError(error);
    }
  };

  if (!canWatch && watches.length === 0) return null;
  return (
    <section className="panel watched-folders" aria-labelledby={`watched-${collection.id}`} data-testid="watched-folders">
      <div className="panel-header">
        <span id={`watched-${collection.id}`} className="panel-label">Watched folders</span>
        <span className="hint">Changes in these folders are ingested; deleted files leave the collection</span>
      </div>
      {watches.length > 0 ? (
        <table className="table">
          <thead>
            <tr><th>Folder</th><th>State</th><th>Tags</th>{canWatch && <th><span className="visually-hidden">Actions</span></th>}</tr>
          </thead>
          <tbody>
            {watches.map((watch) => (
              <tr key={watch.folder} data-testid="watched-folder" data-folder={watch.folder} data-status={watch.status}>
                <td className="guard-match">{watch.folder}</td>
                <td>{watch.status === 'active' ? 'watching' : `paused: ${watch.reason ?? 'not allowed any more'}`}</td>
                <td>{watch.tags.join(', ') || '—'}</td>
                {canWatch && (
                  <td>
                    <button type="button" className="row-action row-action-danger" onClick={() => void remove(watch)} data-testid="watched-folder-remove">
                      Stop watching
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No folder is watched for this collection.</p>
      )}
      {canWatch && (
        <form className="toolbar" onSubmit={(event) => void add(event)} aria-label="Watch a folder">
          <input className="input watched-folder-input" aria-label="Folder to watch (a path on this machine)" placeholder="/path/to/folder" value={folder} onChange={(e) => setFolder(e.target.value)} data-testid="watched-folder-path" />
          <button type="submit" className="button" disabled={busy || folder.trim() === ''} data-testid="watched-folder-add">
            Watch folder
          </button>
        </form>
      )}
    </section>
  );
}
