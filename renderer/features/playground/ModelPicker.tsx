import { useEffect } from 'react';
import { generativeModels } from '../models/model-format.js';
import { useModels } from '../models/models.store.js';
import { useNavigation } from '../shell/navigation.store.js';
import { usePlayground } from './playground.store.js';

/** Models that can generate (vocabulary-only files are left out); picks a chat model when none is chosen. */
export function ModelPicker({ disabled }: { disabled: boolean }) {
  const all = useModels((state) => state.models);
  const loaded = useModels((state) => state.loaded);
  const modelId = usePlayground((state) => state.form.modelId);
  const setField = usePlayground((state) => state.setField);
  const go = useNavigation((state) => state.go);
  const models = generativeModels(all);
  const chosen = models.find((model) => model.id === modelId);

  useEffect(() => {
    if (!loaded || chosen) return;
    const preferred = models.find((model) => model.role === 'chat') ?? models[0];
    if (preferred || modelId !== '') setField('modelId', preferred?.id ?? '');
  }, [loaded, chosen, models, modelId, setField]);

  if (loaded && models.length === 0) {
    return (
      <p className="empty" data-testid="playground-no-models">
        No model to try yet.{' '}
        <button type="button" className="link-button" onClick={() => go('models')}>
          Import one on the Models screen.
        </button>
      </p>
    );
  }

  return (
    <label className="stacked">
      <span className="panel-label">Model</span>
      <span className="model-picker">
        <select
          className="select"
          value={modelId}
          disabled={disabled}
          onChange={(event) => setField('modelId', event.target.value)}
          data-testid="model-select"
        >
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
