import { useRef, useState, type FormEvent } from 'react';
import { electronBridge } from '../../api/bridge.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { useModels } from './models.store.js';

/** Import by path (works in a browser too), by file picker (Electron only), or by scanning the models folder. */
export function ImportBar() {
  const importPath = useModels((state) => state.importPath);
  const scan = useModels((state) => state.scan);
  const scanning = useModels((state) => state.tasks.some((task) => task.kind === 'scan'));
  const [path, setPath] = useState('');
  const picker = useRef<HTMLInputElement>(null);
  const bridge = electronBridge();
  // An administrator working alone approves in the same step: the model is ready for collections at once.
  const canApprove = holds(useAuth((state) => state.me), 'models.approve');
  const [approve, setApprove] = useState(false);
  const [reason, setReason] = useState('');
  const approval = canApprove && approve ? { reason } : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    // An empty path still goes to the core, whose INVALID_INPUT message says what is missing.
    void importPath(trimmed, approval).then((model) => {
      if (model) setPath('');
    });
  };

  const onPicked = () => {
    const files = Array.from(picker.current?.files ?? []);
    for (const file of files) {
      const picked = bridge?.pathForFile(file);
      if (picked) void importPath(picked, approval);
    }
    if (picker.current) picker.current.value = '';
  };

  return (
    <form className="toolbar" onSubmit={submit}>
      <input
        className="input toolbar-grow"
        type="text"
        placeholder="Path of a .gguf file, e.g. /models/qwen2.5-0.5b-instruct-q4_k_m.gguf"
        aria-label="Path of a .gguf file"
        spellCheck={false}
        value={path}
        onChange={(event) => setPath(event.target.value)}
        data-testid="model-path-input"
      />
      {canApprove && (
        <label className="checkbox" title="Imported models start pending; approving records you, now, and the reason">
          <input type="checkbox" checked={approve} onChange={(event) => setApprove(event.target.checked)} data-testid="model-import-approve" />
          Approve
        </label>
      )}
      {approval && (
        <input
          className="input input-small"
          placeholder="Reason for approving"
          aria-label="Reason for approving"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          data-testid="model-import-reason"
        />
      )}
      <button type="submit" className="button button-primary" data-testid="model-import">
        Import
      </button>
      {bridge && (
        <>
          <input ref={picker} type="file" accept=".gguf" multiple hidden onChange={onPicked} data-testid="model-file-input" />
          <button type="button" className="button" onClick={() => picker.current?.click()} data-testid="model-file-picker">
            Choose file…
          </button>
        </>
      )}
      <button type="button" className="button" disabled={scanning} onClick={() => void scan()} data-testid="model-scan">
        Scan models folder
      </button>
    </form>
  );
}
