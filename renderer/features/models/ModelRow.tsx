import { useState, type FormEvent } from 'react';
import type { ApprovalState, Model, ModelRole } from '../../api/contract.types.js';
import { formatBytes, formatCount, formatParams, orDash, shortSha } from './model-format.js';
import { useModels } from './models.store.js';

const roles: ModelRole[] = ['chat', 'embedding', 'judge'];
const approvals: ApprovalState[] = ['pending', 'approved', 'rejected'];

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
      <td>
        <select
          className={`select select-small approval-${model.approval}`}
          aria-label={`Approval of ${model.name}`}
          value={model.approval}
          onChange={(event) => void update(model.id, { approval: event.target.value as ApprovalState })}
          data-testid="model-approval"
        >
          {approvals.map((approval) => (
            <option key={approval} value={approval}>
              {approval}
            </option>
          ))}
        </select>
      </td>
      <td>{orDash(model.architecture)}</td>
      <td className="cell-number">{formatParams(model.parameterCount)}</td>
      <td>{orDash(model.quantization)}</td>
      <td className="cell-number">{formatCount(model.contextLength)}</td>
      <td className="cell-number">{formatCount(model.embeddingLength)}</td>
      <td className="cell-number">{formatBytes(model.sizeBytes)}</td>
      <td className="cell-mono" title={model.sha256}>
        {shortSha(model.sha256)}
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
