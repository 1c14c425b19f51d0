import { useCallback, useState, type FormEvent } from 'react';
import { electronBridge } from '../../api/bridge.types.js';
import type { Collection } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { formatBytes } from '../models/model-format.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { usePathDrop } from '../shell/use-path-drop.js';
import { useDraft } from '../shell/use-draft.js';
import { IngestProgress } from './IngestProgress.js';
import { isIngesting, parseList, parsePaths, useIngest } from './ingest.store.js';
import { refusal } from './upload-batches.js';
import { UploadPicker } from './UploadPicker.js';
import { useFileDrop } from './use-file-drop.js';

const acceptAll = () => true;
const acceptNone = () => false;

/** What the form keeps while the user is elsewhere (chosen files cannot be kept: a File does not survive a reload). */
interface IngestDraft {
  paths: string;
  acl: string;
  tags: string;
  removeMissing: boolean;
}
const emptyDraft: IngestDraft = { paths: '', acl: '', tags: '', removeMissing: false };

/**
 * Documents into the selected collection, with an access list and tags. Everyone uploads chosen or dropped files;
 * holders of files.serverPaths may also type paths on the core's machine (folders too), and under Electron their
 * picked and dropped files go as paths.
 */
export function IngestPanel({ collection }: { collection: Collection }) {
  const run = useIngest((state) => state.runs[collection.id]);
  const start = useIngest((state) => state.start);
  const cancel = useIngest((state) => state.cancel);
  const canServerPaths = holds(useAuth((state) => state.me), 'files.serverPaths');
  const bridge = electronBridge();
  const pickAsPaths = bridge !== undefined && canServerPaths;
  // Kept per collection and not cleared by a start: running the same ingestion again (a folder sync) keeps its tags.
  const [draft, setDraft] = useDraft<IngestDraft>(`ingest.${collection.id}`, emptyDraft);
  const { paths, acl, tags, removeMissing } = draft;
  const setField = <K extends keyof IngestDraft>(key: K, value: IngestDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const [uploads, setUploads] = useState<File[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const busy = isIngesting(run);

  // A drop adds its paths to the box: the access list and tags are still the user's to set before starting.
  const addPaths = useCallback((added: string[]) => setDraft((d) => ({ ...d, paths: [...parsePaths(d.paths), ...added].join('\n') })), [setDraft]);
  // Under Electron the window takes drops (paths); without the permission it takes none, and the panel uploads them.
  const dragging = usePathDrop(addPaths, pickAsPaths ? acceptAll : acceptNone);

  /** Picked or dropped files join the upload (one of the same name is replaced); the others are said why not. */
  const addUploads = (picked: File[], folders: string[] = []) => {
    setFormError(null);
    if (pickAsPaths) {
      addPaths(picked.map((file) => bridge.pathForFile(file)).filter((path) => path !== ''));
      return;
    }
    const reasons = folders.map((name) => `${name} is a folder; open it and choose the files inside.`);
    const accepted: File[] = [];
    for (const file of picked) {
      const reason = refusal(file, formatBytes);
      if (reason) reasons.push(reason);
      else accepted.push(file);
    }
    setRefused(reasons);
    if (accepted.length > 0) setUploads((chosen) => [...chosen.filter((file) => !accepted.some((added) => added.name === file.name)), ...accepted]);
  };
  const drop = useFileDrop(addUploads, { enabled: !pickAsPaths, accepting: !busy });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { acl: parseList(acl), tags: parseList(tags) };
    if (uploads.length > 0 && parsePaths(paths).length > 0) {
      setFormError('Start adds either the chosen files or the typed paths: remove one of them first.');
      return;
    }
    setFormError(null);
    setRefused([]);
    if (uploads.length > 0) {
      const sent = uploads;
      void start(collection.id, { files: sent, ...common }).then(() => {
        // What went in leaves the list; after a failure or a cancel the list stays, to start again.
        if (useIngest.getState().runs[collection.id]?.status === 'done') setUploads((chosen) => chosen.filter((file) => !sent.includes(file)));
      });
    } else {
      // Empty paths still go to the core, whose INVALID_INPUT message says what is missing.
      void start(collection.id, { paths: parsePaths(paths), ...common, removeMissing });
    }
  };

  return (
    <section
      className={`panel ingest-panel${drop.over ? ' ingest-panel-over' : ''}`}
      aria-label={`Add documents to ${collection.name}`}
      data-testid="ingest-panel"
      {...drop.handlers}
    >
      <form className="ingest-form" onSubmit={submit}>
        <div className="panel-header">
          <span className="panel-label">Add documents</span>
          {pickAsPaths && <span className="hint">or drop files and folders on this window</span>}
        </div>
        <UploadPicker
          files={uploads}
          refused={refused}
          disabled={busy}
          onPicked={(picked) => addUploads(picked)}
          onRemove={(file) => setUploads((chosen) => chosen.filter((other) => other !== file))}
          onClear={() => setUploads([])}
          onDismissRefused={() => setRefused([])}
        />
        {canServerPaths && (
          <label className="stacked">
            <span className="param-label">Or files and folders on the server, one per line (folders are read recursively)</span>
            <textarea
              className="textarea"
              placeholder={'/data/manuals\n/data/reports/q3.pdf'}
              spellCheck={false}
              value={paths}
              disabled={busy}
              onChange={(event) => setField('paths', event.target.value)}
              data-testid="ingest-paths"
            />
          </label>
        )}
        <div className="ingest-options">
          <label className="param" title="Who may retrieve these documents. Empty: only you.">
            <span className="param-label">Access list (empty: only me)</span>
            <input
              className="input input-small"
              placeholder="user:alice, group:analysts, public"
              spellCheck={false}
              value={acl}
              disabled={busy}
              onChange={(event) => setField('acl', event.target.value)}
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
              onChange={(event) => setField('tags', event.target.value)}
              data-testid="ingest-tags"
            />
          </label>
        </div>
        {formError && <NoticeBox kind="error" message={formError} lines={[]} onDismiss={() => setFormError(null)} testId="ingest-form-error" />}
        <div className="actions">
          {canServerPaths && (
            <label className="checkbox" title="Documents under the typed folders whose files no longer exist leave the index">
              <input type="checkbox" checked={removeMissing} disabled={busy} onChange={(event) => setField('removeMissing', event.target.checked)} data-testid="ingest-remove-missing" />
              Remove files that are gone
            </label>
          )}
          <span className="spacer" />
          <button type="submit" className="button button-primary" disabled={busy || (!canServerPaths && uploads.length === 0)} data-testid="ingest-start">
            Start
          </button>
          <button type="button" className="button" disabled={!busy || run?.status === 'cancelling'} onClick={() => void cancel(collection.id)} data-testid="ingest-cancel">
            Cancel
          </button>
        </div>
      </form>
      {run?.error && <ErrorMessage error={run.error} testId="ingest-error" />}
      {run && <IngestProgress run={run} />}
      {dragging && pickAsPaths && (
        <div className="drop-overlay" data-testid="drop-overlay">
          Drop files or folders to add them to {collection.name}
        </div>
      )}
    </section>
  );
}
