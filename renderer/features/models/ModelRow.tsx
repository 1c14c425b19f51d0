import { useState, type FormEvent } from 'react';
import type { Model, ModelRole } from '../../api/contract.types.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { ModelDecisionForm } from './ModelDecisionForm.js';
import { formatBytes, formatCount, formatParams, orDash, shortSha } from './model-format.js';
import { useModels, type ModelDecision } from './models.store.js';

const roles: ModelRole[] = ['chat', 'embedding', 'judge'];

interface ModelRowProps {
  model: Model;
  selected: boolean;
  onInspect: () => void;
}

export function ModelRow({ model, selected, onInspect }: ModelRowProps) {
  const update = useModels((state) => state.update);
  const remove = useModels((state) => state.remove);
  const [draftName, setDraftName] = useState<string | null>(null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [deciding, setDeciding] = useState<ModelDecision['action'] | null>(null);
  const me = useAuth((state) => state.me);
  const canApprove = holds(me, 'models.approve');
  const canManage = holds(me, 'models.manage');
  // What each decision is offered for: approval is a workflow, so only the next sensible steps are shown.
  const offered: ModelDecision['action'][] = model.retiredAt
    ? canApprove ? ['reinstate'] : []
    : [
        ...(canApprove && model.approval !== 'approved' ? (['approve'] as const) : []),
        ...(canApprove && model.approval !== 'rejected' ? (['reject'] as const) : []),
        ...(canManage ? (['retire'] as const) : []),
      ];

  const saveName = (event: FormEvent) => {
    event.preventDefault();
    if (draftName === null) return;
    if (draftName.trim() === model.name) return setDraftName(null);
    void update(model.id, { name: draftName }).then((saved) => saved && setDraftName(null));
  };

  return (
    <tr className={selected ? 'row-selected' : undefined} data-testid="model-row" data-model-id={model.id} data-model-name={model.name}>
      <td className="cell-name">
        {draftName === null ? (
          <span className="model-name" title={model.path} data-testid="model-name">
            {model.name}
            {model.vocabOnly && <span className="tag">vocab only</span>}
            {model.remote && <span className="tag" title="Served by a registered remote endpoint (Endpoints screen)" data-testid="model-remote-tag">remote</span>}
          </span>
        ) : (
          <form className="inline-form" onSubmit={saveName}>
            <input
              className="input input-small"
              autoFocus
              aria-label="New name"
              value={draftName}
              onChange={(event) => setDraftName(event.target.value)}
              onKeyDown={(event) => event.key === 'Escape' && setDraftName(null)}
              data-testid="model-rename-input"
            />
            <button type="submit" className="button button-small button-primary" data-testid="model-rename-save">
              Save
            </button>
            <button type="button" className="button button-small" onClick={() => setDraftName(null)}>
              Cancel
            </button>
          </form>
        )}
      </td>
      <td>
        <select
          className="select select-small"
          aria-label={`Role of ${model.name}`}
          value={model.role}
          onChange={(event) => void update(model.id, { role: event.target.value as ModelRole })}
          data-testid="model-role"
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td className="cell-approval">
        <span className={`tag approval-${model.approval}`} data-testid="model-approval" data-approval={model.approval}>
          {model.approval}
        </span>
        {model.retiredAt && (
          <span className="tag tag-muted" data-testid="model-retired" title={`Retired ${model.retiredAt}: kept for old runs, runs nothing new`}>
            retired
          </span>
        )}
        {deciding ? (
          <ModelDecisionForm model={model} action={deciding} onDone={() => setDeciding(null)} />
        ) : (
          offered.map((action) => (
            <button key={action} type="button" className="row-action" onClick={() => setDeciding(action)} data-testid={`model-${action}`}>
              {action}
            </button>
          ))
        )}
      </td>
      <td>{orDash(model.architecture)}</td>
      <td className="cell-number">{formatParams(model.parameterCount)}</td>
      <td>{orDash(model.quantization)}</td>
      <td className="cell-number">{formatCount(model.contextLength)}</td>
      <td className="cell-number">{formatCount(model.embeddingLength)}</td>
      <td className="cell-number">{model.remote && model.sizeBytes === 0 ? '—' : formatBytes(model.sizeBytes)}</td>
      <td className="cell-mono" title={model.remote ? 'No file: served by a remote endpoint' : model.sha256}>
        {model.remote ? '—' : shortSha(model.sha256)}
      </td>
      <td className="cell-actions">
        {confirmingRemove ? (
          <span className="confirm">
            Remove?
            <button type="button" className="button button-small button-danger" onClick={() => void remove(model.id)} data-testid="model-remove-confirm">
              Yes
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirmingRemove(false)}>
              No
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="row-action" onClick={onInspect} data-testid="model-inspect">
              Inspect
            </button>
            <button type="button" className="row-action" onClick={() => setDraftName(model.name)} data-testid="model-rename">
              Rename
            </button>
            <button type="button" className="row-action row-action-danger" onClick={() => setConfirmingRemove(true)} data-testid="model-remove">
              Remove
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
