import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import type { Model } from '../../api/contract.types.js';
import { useModels, type ModelDecision } from './models.store.js';

const titles: Record<ModelDecision['action'], string> = {
  approve: 'Approve',
  reject: 'Reject',
  retire: 'Retire',
  reinstate: 'Reinstate',
};

interface Dependant {
  label: string;
}

/**
 * One approval decision with its reason (required to reject). When the core answers MODEL_IN_USE, the things that
 * would stop working are listed and the user confirms explicitly; nothing is decided silently.
 */
export function ModelDecisionForm({ model, action, onDone }: { model: Model; action: ModelDecision['action']; onDone: () => void }) {
  const decide = useModels((state) => state.decide);
  const [reason, setReason] = useState('');
  const [blocked, setBlocked] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);
  const dependants = (blocked?.details as { dependants?: Dependant[] } | undefined)?.dependants ?? [];

  const submit = async (event?: FormEvent, confirm = false) => {
    event?.preventDefault();
    setBusy(true);
    const error = await decide(model.id, { action, reason, confirm });
    setBusy(false);
    if (!error) return onDone();
    setBlocked(error);
  };

  return (
    <form className="decision-form" onSubmit={(event) => void submit(event)} data-testid="model-decision" data-action={action}>
      <input
        className="input input-small"
        autoFocus
        aria-label={`Reason to ${action} ${model.name}`}
        placeholder={action === 'reject' ? 'Reason (required)' : 'Reason (optional)'}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
        data-testid="model-decision-reason"
      />
      {!blocked || blocked.code !== 'MODEL_IN_USE' ? (
        <button type="submit" className={`button button-small ${action === 'approve' || action === 'reinstate' ? 'button-primary' : 'button-danger'}`} disabled={busy} data-testid="model-decision-submit">
          {titles[action]}
        </button>
      ) : (
        <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void submit(undefined, true)} data-testid="model-decision-confirm">
          {titles[action]} anyway
        </button>
      )}
      <button type="button" className="button button-small" onClick={onDone}>
        Cancel
      </button>
      {blocked && (
        <div className="decision-warning" role="alert" data-testid="model-decision-error" data-code={blocked.code}>
          {blocked.message}
          {dependants.length > 0 && (
            <ul>
              {dependants.map((d) => (
                <li key={d.label}>{d.label}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
