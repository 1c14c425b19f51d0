import type { PlaygroundForm } from './generate-request.js';
import { usePlayground } from './playground.store.js';

type NumericKey = 'maxTokens' | 'temperature' | 'topP' | 'topK' | 'seed';

interface NumericField {
  key: NumericKey;
  label: string;
  testId: string;
  step: string;
  min: string;
  max?: string;
  placeholder?: string;
  hint: string;
}

const numericFields: NumericField[] = [
  { key: 'maxTokens', label: 'Max tokens', testId: 'param-max-tokens', step: '1', min: '1', hint: 'Most tokens to generate' },
  { key: 'temperature', label: 'Temperature', testId: 'param-temperature', step: '0.05', min: '0', max: '5', hint: '0 picks the likeliest token every time' },
  { key: 'topP', label: 'Top-p', testId: 'param-top-p', step: '0.01', min: '0', max: '1', hint: 'Sample from the smallest set of tokens whose probabilities add up to this' },
  { key: 'topK', label: 'Top-k', testId: 'param-top-k', step: '1', min: '0', max: '1000', hint: 'Sample from this many likeliest tokens (0: all)' },
  { key: 'seed', label: 'Seed', testId: 'param-seed', step: '1', min: '0', placeholder: 'random', hint: 'Same seed, same settings: same text' },
];

export function SamplingFields({ disabled }: { disabled: boolean }) {
  const form = usePlayground((state) => state.form);
  const setField = usePlayground((state) => state.setField);

  return (
    <fieldset className="param-grid" disabled={disabled}>
      <legend className="panel-label">Parameters</legend>
      {numericFields.map((field) => (
        <label key={field.key} className="param" title={field.hint}>
          <span className="param-label">{field.label}</span>
          <input
            className="input input-small"
            type="number"
            inputMode="decimal"
            step={field.step}
            min={field.min}
            max={field.max}
            placeholder={field.placeholder}
            value={form[field.key]}
            onChange={(event) => setField(field.key, event.target.value as PlaygroundForm[NumericKey])}
            data-testid={field.testId}
          />
        </label>
      ))}
      <label className="param param-wide" title="Generation stops before any of these; comma-separated, \n is a newline">
        <span className="param-label">Stop sequences</span>
        <input
          className="input input-small"
          type="text"
          placeholder="e.g. \n\n, User:"
          spellCheck={false}
          value={form.stop}
          onChange={(event) => setField('stop', event.target.value)}
          data-testid="param-stop"
        />
      </label>
    </fieldset>
  );
}
