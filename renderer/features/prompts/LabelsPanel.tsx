import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { LabelHistory } from './LabelHistory.js';
import { formatTime } from './prompt-time.js';
import { usePrompts, type LabelMove, type PromptDetail } from './prompts.store.js';
import { holds, useAuth } from '../auth/auth.store.js';

/** What a move did, in one line: "staging: 1.0.0 → 2.0.0". */
function describeMove(move: LabelMove, verb: string): string {
  const from = move.previous === null ? 'new label' : move.previous;
  return `${move.label} ${verb}: ${from} → ${move.version}${move.gateRunId ? ` (gate run ${move.gateRunId})` : ''}${move.protected ? ', protected' : ''}`;
}

/**
 * The prompt's labels with the version each points at. Moving or rolling back a protected label is decided by
 * the core (role and a passing gate run); a refusal comes back as GATE_REQUIRED or LABEL_PROTECTED and is shown here.
 */
export function LabelsPanel({ detail }: { detail: PromptDetail }) {
  const { prompt, versions } = detail;
  const setLabel = usePrompts((state) => state.setLabel);
  const rollback = usePrompts((state) => state.rollback);
  const canManage = holds(useAuth((state) => state.me), 'prompts.manage');
  const [label, setLabelName] = useState('staging');
  const [version, setVersion] = useState(prompt.latest);
  /** null: keep the label's protection as it is. */
  const [protect, setProtect] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const existing = prompt.labels.find((l) => l.label.toLowerCase() === label.trim().toLowerCase());

  async function run(action: () => ReturnType<typeof setLabel>, verb: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    const outcome = await action();
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    setDone(describeMove(outcome.value, verb));
    setProtect(null);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Protection is only sent when the box was touched, so a move keeps a protected label protected.
    void run(() => setLabel({ prompt: prompt.name, label: label.trim(), version, ...(protect === null ? {} : { protected: protect }) }), 'moved');
  };

  return (
    <div className="panel prompt-labels" data-testid="prompts-labels">
      <div className="panel-header">
        <span className="panel-label">Labels</span>
      </div>
      {prompt.labels.length === 0 ? (
        <p className="hint">No labels yet. Point one (e.g. staging) at a version below; callers ask for {prompt.name}@staging.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Label</th>
              <th>Version</th>
              <th>Moved by</th>
              <th>When</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {prompt.labels.map((info) => (
              <tr key={info.label} data-testid="prompts-label-row" data-label={info.label} data-version={info.version} data-protected={String(info.protected)}>
                <td>
                  <strong>{info.label}</strong>
                  {info.protected && (
                    <span className="tag label-protected-tag" title="Moves only to a version with a passing gate run, by a prompt approver">
                      protected
                    </span>
                  )}
                </td>
                <td className="cell-mono prompt-semver">{info.version}</td>
                <td>{info.updatedBy || <span className="muted">—</span>}</td>
                <td title={info.updatedAt}>{formatTime(info.updatedAt)}</td>
                <td className="cell-actions">
                  {canManage && (
                    <button
                      type="button"
                      className="row-action"
                      disabled={busy}
                      onClick={() => void run(() => rollback({ prompt: prompt.name, label: info.label }), 'rolled back')}
                      title="Point the label back where it was before its last move"
                      data-testid="prompts-label-rollback"
                    >
                      Roll back
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && (
        <form className="toolbar label-move" onSubmit={submit} aria-label="Move a label">
          <label className="param">
            <span className="param-label">Label</span>
            <input className="input" list="prompt-label-names" value={label} spellCheck={false} onChange={(e) => (setLabelName(e.target.value), setProtect(null))} data-testid="prompts-label-name" />
            <datalist id="prompt-label-names">
              {['staging', 'production', ...prompt.labels.map((l) => l.label)]
                .filter((value, index, all) => all.indexOf(value) === index)
                .map((value) => (
                  <option key={value} value={value} />
                ))}
            </datalist>
          </label>
          <label className="param">
            <span className="param-label">Version</span>
            <select className="select" value={version} onChange={(e) => setVersion(e.target.value)} data-testid="prompts-label-version">
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {v.version}
                  {v.labels.length > 0 ? ` (${v.labels.join(', ')})` : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox label-protect" title="A protected label needs a passing gate run of the version and a prompt approver">
            <input type="checkbox" checked={protect ?? existing?.protected ?? false} onChange={(e) => setProtect(e.target.checked)} data-testid="prompts-label-protected" />
            protected
          </label>
          <button type="submit" className="button button-primary" disabled={busy || label.trim() === ''} data-testid="prompts-label-set">
            {existing ? `Move ${existing.label}` : 'Set label'}
          </button>
        </form>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="prompts-label-error" />}
      {done && (
        <p className="hint" role="status" data-testid="prompts-label-done">
          {done}
        </p>
      )}
      <LabelHistory prompt={prompt.name} />
    </div>
  );
}
