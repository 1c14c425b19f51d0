import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage, NoticeBox } from '../shell/ErrorMessage.js';
import { useDraft } from '../shell/use-draft.js';
import type { DatasetSummary } from './dataset-types.js';
import { formatFromFileName, IMPORT_ACCEPT, MAX_IMPORT_BYTES, nameFromFileName, rowErrorLines, rowErrorsOf, type DatasetFormat, type ImportReport } from './dataset-import.js';

interface ImportFormProps {
  datasets: DatasetSummary[];
  onImported: (report: ImportReport) => void;
  /** Absent where there is nothing to go back to (no dataset yet). */
  onCancel?: (() => void) | undefined;
}

interface PickedFile {
  name: string;
  content: string;
}

interface ImportFields {
  format: DatasetFormat;
  name: string;
  description: string;
  note: string;
}
const emptyFields: ImportFields = { format: 'jsonl', name: '', description: '', note: '' };

/** A .jsonl or .csv file, picked or dropped, imported as a new dataset or as a new version of one. */
export function ImportForm({ datasets, onImported, onCancel }: ImportFormProps) {
  // Drafts outlive leaving the screen; an import clears them. The file is a draft of its own: one too large for
  // sessionStorage is simply not kept, while the fields still are.
  const [file, setFile, clearFile] = useDraft<PickedFile | null>('datasets.import.file', null);
  const [fields, setFields, clearFields] = useDraft<ImportFields>('datasets.import', emptyFields);
  const { format, name, description, note } = fields;
  const setField = <K extends keyof ImportFields>(key: K, value: ImportFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  // A ref, not state: a file read that finishes after the name was typed must see the typing.
  const nameEdited = useRef(false);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const [readProblem, setReadProblem] = useState<string | null>(null);

  const take = async (picked: File | undefined) => {
    setError(null);
    setReadProblem(null);
    if (!picked) return;
    if (picked.size > MAX_IMPORT_BYTES) return setReadProblem(`${picked.name} is larger than 16 MiB; import it with the CLI (enclave datasets import).`);
    try {
      setFile({ name: picked.name, content: await picked.text() });
    } catch (problem) {
      return setReadProblem(`${picked.name} could not be read: ${(problem as Error).message}`);
    }
    const fromExtension = formatFromFileName(picked.name);
    if (fromExtension) setField('format', fromExtension);
    if (!nameEdited.current) setField('name', nameFromFileName(picked.name));
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    const params = { name: name.trim(), content: file.content, format, ...(description.trim() ? { description: description.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    call('eval.datasets.import', params).then(
      (report) => {
        setBusy(false);
        clearFile();
        clearFields();
        onImported(report);
      },
      (problem: unknown) => {
        setBusy(false);
        setError(toClientError(problem));
      },
    );
  };

  const existing = datasets.find((d) => d.name === name.trim());
  const rowErrors = error ? rowErrorsOf(error) : [];

  return (
    <form className="panel dataset-import" onSubmit={submit} aria-label="Import a dataset" data-testid="dataset-import-form">
      <div className="panel-header">
        <span className="panel-label">Import a dataset</span>
        <span className="hint">JSONL: one case per line, e.g. {'{"id": "q1", "vars": {"question": "…"}, "expected": "…"}'}; CSV: a header row naming the same columns.</span>
      </div>
      <div
        className={dragging ? 'dataset-drop dataset-drop-active' : 'dataset-drop'}
        onDragOver={(event) => (event.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="dataset-import-drop"
      >
        <label className="param">
          <span className="param-label">File (.jsonl or .csv) — choose one or drop it here</span>
          {/* Cleared as the picker opens, so that picking the same file again (edited since) reads it again. */}
          <input
            type="file"
            accept={IMPORT_ACCEPT}
            disabled={busy}
            onClick={(event) => (event.currentTarget.value = '')}
            onChange={(event) => void take(event.target.files?.[0])}
            data-testid="dataset-import-file"
          />
        </label>
        {file && (
          <span className="hint" data-testid="dataset-import-picked">
            Picked: <strong>{file.name}</strong> · {file.content.length.toLocaleString('en-US')} characters
          </span>
        )}
      </div>
      <div className="dataset-import-fields">
        <label className="param">
          <span className="param-label">Name</span>
          <input
            className="input"
            required
            spellCheck={false}
            placeholder="e.g. support-questions"
            value={name}
            onChange={(event) => ((nameEdited.current = true), setField('name', event.target.value))}
            data-testid="dataset-import-name"
          />
        </label>
        <label className="param">
          <span className="param-label">Format</span>
          <select className="select" value={format} onChange={(event) => setField('format', event.target.value as DatasetFormat)} data-testid="dataset-import-format">
            <option value="jsonl">JSONL</option>
            <option value="csv">CSV</option>
          </select>
        </label>
        <label className="param">
          <span className="param-label">Description (optional)</span>
          <input className="input" value={description} onChange={(event) => setField('description', event.target.value)} data-testid="dataset-import-description" />
        </label>
        <label className="param">
          <span className="param-label">Version note (optional)</span>
          <input className="input" placeholder="e.g. first export from the ticket system" value={note} onChange={(event) => setField('note', event.target.value)} data-testid="dataset-import-note" />
        </label>
      </div>
      <p className="hint" data-testid="dataset-import-target">
        {existing
          ? `"${existing.name}" exists (latest v${existing.latestVersion}): this file's cases become v${existing.latestVersion + 1}; earlier versions stay as they are, and a file with the same cases as v${existing.latestVersion} adds no version.${description.trim() ? ' The description given here replaces the current one.' : ''}`
          : name.trim()
            ? `A new dataset; its cases become v1.`
            : 'Name the dataset; a name in use adds a new version to that dataset.'}{' '}
        Broken rows are listed by line; the rest are imported.
      </p>
      {readProblem && <NoticeBox kind="error" message={readProblem} lines={[]} onDismiss={() => setReadProblem(null)} testId="dataset-import-error" />}
      {error &&
        (rowErrors.length > 0 ? (
          <NoticeBox
            kind="error"
            message={`Nothing was imported: no row of ${file?.name ?? 'the file'} is a valid case.`}
            lines={rowErrorLines(rowErrors)}
            onDismiss={() => setError(null)}
            testId="dataset-import-error"
          />
        ) : (
          <ErrorMessage error={error} onDismiss={() => setError(null)} testId="dataset-import-error" />
        ))}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || !file || name.trim() === ''} data-testid="dataset-import-submit">
          {busy ? 'Importing…' : existing ? `Import as v${existing.latestVersion + 1}` : 'Import'}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
