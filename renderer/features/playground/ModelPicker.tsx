import { useEffect } from 'react';
import { holds, useAuth } from '../auth/auth.store.js';
import { playableModels } from '../models/model-format.js';
import { useModels } from '../models/models.store.js';
import { useNavigation } from '../shell/navigation.store.js';
import { usePlayground } from './playground.store.js';

/** Free prompts: the Playground's model; picks a chat model when none is chosen. */
export function ModelPicker({ disabled }: { disabled: boolean }) {
  const all = useModels((state) => state.models);
  const loaded = useModels((state) => state.loaded);
  const modelId = usePlayground((state) => state.form.modelId);
  const setField = usePlayground((state) => state.setField);
  const models = playableModels(all, holds(useAuth((state) => state.me), 'models.evaluate'));
  const chosen = models.find((model) => model.id === modelId);

  useEffect(() => {
    if (!loaded || chosen) return;
    const preferred = models.find((model) => model.role === 'chat') ?? models[0];
    if (preferred || modelId !== '') setField('modelId', preferred?.id ?? '');
  }, [loaded, chosen, models, modelId, setField]);

  return <ModelChoice value={modelId} onChange={(id) => setField('modelId', id)} disabled={disabled} testId="model-select" />;
}

interface ModelChoiceProps {
  value: string;
  onChange: (id: string) => void;
  disabled: boolean;
  testId: string;
  /** With a label, '' is offered as a choice of its own (e.g. "the version's model"). */
  defaultLabel?: string;
}

/** Models this user may run (see playableModels), with the chosen one's role, approval and context. */
export function ModelChoice({ value, onChange, disabled, testId, defaultLabel }: ModelChoiceProps) {
  const all = useModels((state) => state.models);
  const loaded = useModels((state) => state.loaded);
  const go = useNavigation((state) => state.go);
  const canEvaluate = holds(useAuth((state) => state.me), 'models.evaluate');
  const models = playableModels(all, canEvaluate);
  const chosen = models.find((model) => model.id === value);

  if (loaded && models.length === 0) {
    return (
      <p className="empty" data-testid="playground-no-models">
        {all.length > 0 && !canEvaluate ? 'No approved model yet: an administrator approves models on the Models screen.' : 'No model to try yet.'}{' '}
        <button type="button" className="link-button" onClick={() => go('models')}>
          Go to the Models screen.
        </button>
      </p>
    );
  }

  return (
    <label className="stacked">
      <span className="panel-label">Model</span>
      <span className="model-picker">
        <select className="select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
          {defaultLabel !== undefined && <option value="">{defaultLabel}</option>}
          {models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name}
            </option>
          ))}
        </select>
        {chosen && (
          <span className="model-picker-meta">
            {chosen.role} · {chosen.approval}
            {chosen.contextLength !== null && ` · ctx ${chosen.contextLength.toLocaleString('en-US')}`}
          </span>
        )}
      </span>
    </label>
  );
}
