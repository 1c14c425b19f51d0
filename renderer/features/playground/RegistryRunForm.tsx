import { useEffect, type FormEvent } from 'react';
import { ModelChoice } from './ModelPicker.js';
import { isBusy } from './playground.store.js';
import { RegistryPromptFields } from './RegistryPromptFields.js';
import { useRegistryRun } from './registry-run.store.js';

type OverrideKey = 'maxTokens' | 'temperature' | 'seed';

const overrides: Array<{ key: OverrideKey; label: string; testId: string; step: string; min: string; max?: string; hint: string }> = [
  { key: 'maxTokens', label: 'Max tokens', testId: 'registry-max-tokens', step: '1', min: '1', hint: 'Most tokens to generate' },
  { key: 'temperature', label: 'Temperature', testId: 'registry-temperature', step: '0.05', min: '0', max: '5', hint: '0 picks the likeliest token every time' },
  { key: 'seed', label: 'Seed', testId: 'registry-seed', step: '1', min: '0', hint: 'Same seed, same settings: same text' },
];

/** Registry mode's inputs: which prompt and ref, its variables, the model and the overrides; Run and Stop. */
export function RegistryRunForm() {
  const form = useRegistryRun((state) => state.form);
  const resolved = useRegistryRun((state) => state.resolved);
  const status = useRegistryRun((state) => state.status);
  const setField = useRegistryRun((state) => state.setField);
  const run = useRegistryRun((state) => state.run);
  const stop = useRegistryRun((state) => state.stop);
  const busy = isBusy(status);
  const params = resolved?.version.params;

  // Each visit reads the registry again: a label may have moved, a version been added, on the Prompts screen or the CLI.
  useEffect(() => {
    void useRegistryRun.getState().loadPrompts();
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    void run();
  };
  const versionValue = (value: number | undefined, fallback: string): string => (value === undefined ? fallback : `${value} (version)`);
  const placeholders: Record<OverrideKey, string> = {
    maxTokens: versionValue(params?.maxTokens, 'default'),
    temperature: versionValue(params?.temperature, 'default'),
    seed: versionValue(params?.seed, 'random'),
  };

  return (
    <form className="panel input-panel" onSubmit={submit} aria-label="Run a registry prompt" data-testid="registry-form">
      <RegistryPromptFields disabled={busy} onSubmit={submit} />
      <ModelChoice
        value={form.modelId}
        onChange={(id) => setField('modelId', id)}
        disabled={busy}
        testId="registry-model-select"
        defaultLabel={params?.model ? `The version's model (${params.model})` : "The version's model (none named)"}
      />
      <fieldset className="param-grid" disabled={busy}>
        <legend className="panel-label">Overrides (optional)</legend>
        {overrides.map((field) => (
          <label key={field.key} className="param" title={field.hint}>
            <span className="param-label">{field.label}</span>
            <input
              className="input input-small"
              type="number"
              inputMode="decimal"
              step={field.step}
              min={field.min}
              max={field.max}
              placeholder={placeholders[field.key]}
              value={form[field.key]}
              onChange={(event) => setField(field.key, event.target.value)}
              data-testid={field.testId}
            />
          </label>
        ))}
        <label className="param param-wide" title="A running A/B test splits callers by subject; empty: you">
          <span className="param-label">A/B subject</span>
          <input className="input input-small" type="text" placeholder="you" spellCheck={false} value={form.subject} onChange={(event) => setField('subject', event.target.value)} data-testid="registry-subject" />
        </label>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy || form.ref === ''} data-testid="registry-run">
          Run
        </button>
        <button type="button" className="button" disabled={!busy || status === 'stopping'} onClick={() => void stop()} data-testid="registry-stop">
          Stop
        </button>
      </div>
    </form>
  );
}
