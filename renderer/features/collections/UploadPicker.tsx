import { useRef } from 'react';
import { formatBytes } from '../models/model-format.js';
import { NoticeBox } from '../shell/ErrorMessage.js';
import { maxFileBytes, MAX_FILES_PER_CALL, MAX_UPLOAD_BYTES } from './upload-batches.js';

interface UploadPickerProps {
  files: File[];
  /** Why some picked or dropped files were not added, one line each. */
  refused: string[];
  disabled: boolean;
  onPicked(files: File[]): void;
  onRemove(file: File): void;
  onClear(): void;
  onDismissRefused(): void;
}

/** The files chosen for an upload: a picker (drops land on the whole panel), the list, and what was refused. */
export function UploadPicker({ files, refused, disabled, onPicked, onRemove, onClear, onDismissRefused }: UploadPickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  // A rough count for the summary; the store plans the calls exactly when it starts.
  const parts = Math.max(Math.ceil(files.length / MAX_FILES_PER_CALL), Math.ceil(total / MAX_UPLOAD_BYTES));

  return (
    <div className="upload-picker" data-testid="ingest-upload-picker">
      <div className="upload-zone">
        <input
          ref={input}
          type="file"
          multiple
          hidden
          disabled={disabled}
          onChange={(event) => {
            onPicked(Array.from(event.target.files ?? []));
            event.target.value = ''; // Picking the same file again is a change too.
          }}
          data-testid="ingest-file-input"
        />
        <button type="button" className="button" disabled={disabled} onClick={() => input.current?.click()} data-testid="ingest-choose-files">
          Choose files…
        </button>
        <span className="hint">or drop them on this panel · up to {formatBytes(maxFileBytes(''))} each</span>
      </div>
      {files.length > 0 && (
        <div className="upload-chosen">
          <ul className="upload-list" aria-label="Chosen files" data-testid="ingest-uploads">
            {files.map((file) => (
              <li key={file.name} className="upload-item" data-testid="ingest-upload" data-name={file.name}>
                <span className="file-name" title={file.name}>
                  {file.name}
                </span>
                <span className="upload-size">{formatBytes(file.size)}</span>
                <button type="button" className="notice-dismiss" aria-label={`Remove ${file.name}`} title="Remove" disabled={disabled} onClick={() => onRemove(file)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="upload-summary">
            <span className="hint" data-testid="ingest-uploads-summary">
              {files.length} file{files.length === 1 ? '' : 's'}, {formatBytes(total)}
              {parts > 1 && ` · sent in about ${parts} parts`}
            </span>
            <span className="spacer" />
            <button type="button" className="button button-small" disabled={disabled} onClick={onClear} data-testid="ingest-uploads-clear">
              Clear
            </button>
          </div>
        </div>
      )}
      {refused.length > 0 && <NoticeBox kind="error" message="Not added:" lines={refused} onDismiss={onDismissRefused} testId="ingest-refused" />}
    </div>
  );
}
