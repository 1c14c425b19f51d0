import type { Model, ModelRole } from '../../api/contract.types.js';
import { generativeModels } from '../models/model-format.js';
import { useModels } from '../models/models.store.js';

interface ModelSelectProps {
  /** Model id; '' is the "none" choice. */
  value: string;
  onChange: (id: string) => void;
  /** Models with this role are listed first. */
  role: ModelRole;
  /** Label of the empty choice. */
  noneLabel: string;
  disabled?: boolean;
  testId: string;
  ariaLabel: string;
}

/**
 * Models a production path may run (collections' embedding and answer models, Ask): approved, not retired, with
 * weights; those with the wanted role first. A saved choice that no longer qualifies stays visible with its state,
 * so the user sees why it stopped working. The core enforces the same rule (MODEL_NOT_APPROVED).
 */
export function ModelSelect({ value, onChange, role, noneLabel, disabled, testId, ariaLabel }: ModelSelectProps) {
  const library = useModels((state) => state.models);
  const models = generativeModels(library).filter((model) => model.approval === 'approved' && !model.retiredAt);
  const matching = models.filter((model) => model.role === role);
  const others = models.filter((model) => model.role !== role);
  const known = value === '' || models.some((model) => model.id === value);
  const saved = library.find((model) => model.id === value);

  return (
    <select className="select" aria-label={ariaLabel} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
      <option value="">{noneLabel}</option>
      {!known && <option value={value}>{saved ? `${saved.name} (${saved.retiredAt ? 'retired' : saved.approval}: does not run)` : `${value} (not in the model library)`}</option>}
      {matching.length > 0 && <ModelGroup label={`${role} models`} models={matching} />}
      {others.length > 0 && <ModelGroup label="other models" models={others} />}
    </select>
  );
}

function ModelGroup({ label, models }: { label: string; models: Model[] }) {
  return (
    <optgroup label={label}>
      {models.map((model) => (
        <option key={model.id} value={model.id}>
          {model.name}
        </option>
      ))}
    </optgroup>
  );
}

/** The name of a model id for display; the id itself when the model is gone. */
export function useModelName(id: string | null): string | null {
  return useModels((state) => (id === null ? null : (state.models.find((model) => model.id === id)?.name ?? id)));
}
