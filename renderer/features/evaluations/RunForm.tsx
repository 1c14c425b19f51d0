import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { reportError } from '../shell/notices.store.js';
import { emptyForm, FORM_ASSERTIONS, FORM_METRICS, formYaml, type RunFormFields } from './run-form.js';
import { useSuite } from './suite.store.js';

interface Options {
  datasets: { name: string; latestVersion: number }[];
  prompts: string[];
  models: string[];
}

/** What the form can pick from: registry datasets, prompt versions and labels, installed chat models. */
function useOptions(): Options {
  const [options, setOptions] = useState<Options>({ datasets: [], prompts: [], models: [] });
  useEffect(() => {
    let live = true;
    Promise.all([call('eval.datasets.list', {}), call('prompts.list', {}).catch(() => []), call('models.list', {})])
      .then(([datasets, prompts, models]) => {
        if (!live) return;
        setOptions({
          datasets: datasets.map((d) => ({ name: d.name, latestVersion: d.latestVersion })),
          prompts: prompts.flatMap((p) => [`${p.name}@${p.latest}`, ...p.labels.map((l) => `${p.name}@${l.label}`)]),
          models: models.filter((m) => m.role !== 'embedding').map((m) => m.name),
        });
      })
      .catch(reportError);
    return () => {
      live = false;
    };
  }, []);
  return options;
}

function Checks({ label, items, chosen, onChange, testId }: { label: string; items: readonly string[]; chosen: string[]; onChange: (next: string[]) => void; testId: string }) {
  return (
    <fieldset className="run-form-checks" data-testid={testId}>
      <legend className="param-label">{label}</legend>
      {items.length === 0 && <span className="hint">none available</span>}
      {items.map((item) => (
        <label key={item} className="check">
          <input type="checkbox" checked={chosen.includes(item)} onChange={(e) => onChange(e.target.checked ? [...chosen, item] : chosen.filter((c) => c !== item))} />
          {item}
        </label>
      ))}
    </fieldset>
  );
}

/** Builds a suite from choices; every change rewrites the suite text below it (the equivalent YAML, shown live), which Validate and Run use. */
export function RunForm() {
  const options = useOptions();
  const [form, setForm] = useState<RunFormFields>(emptyForm);
  const update = (patch: Partial<RunFormFields>) => {
    const next = { ...form, ...patch };
    setForm(next);
    useSuite.getState().setText(formYaml(next));
  };
  const versions = options.datasets.find((d) => d.name === form.dataset)?.latestVersion ?? 0;

  return (
    <div className="run-form" data-testid="eval-run-form">
      <div className="run-form-fields">
        <label className="param">
          <span className="param-label">Description</span>
          <input className="input" value={form.description} onChange={(e) => update({ description: e.target.value })} data-testid="run-form-description" />
        </label>
        <label className="param">
          <span className="param-label">Dataset</span>
          <select className="select" value={form.dataset} onChange={(e) => update({ dataset: e.target.value, datasetVersion: '' })} data-testid="run-form-dataset">
            <option value="">choose…</option>
            {options.datasets.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="param">
          <span className="param-label">Version</span>
          <select className="select" value={form.datasetVersion} onChange={(e) => update({ datasetVersion: e.target.value })} data-testid="run-form-version">
            <option value="">latest</option>
            {Array.from({ length: versions }, (_, i) => String(versions - i)).map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <Checks label="Prompt versions" items={options.prompts} chosen={form.prompts} onChange={(prompts) => update({ prompts })} testId="run-form-prompts" />
        <Checks label="Models" items={options.models} chosen={form.models} onChange={(models) => update({ models })} testId="run-form-models" />
        <label className="param">
          <span className="param-label">Max tokens</span>
          <input className="input" inputMode="numeric" value={form.maxTokens} onChange={(e) => update({ maxTokens: e.target.value })} data-testid="run-form-max-tokens" />
        </label>
        <Checks label="Metrics" items={FORM_METRICS} chosen={form.metrics} onChange={(metrics) => update({ metrics })} testId="run-form-metrics" />
        <label className="param">
          <span className="param-label">Judge (default rubric)</span>
          <select className="select" value={form.judge} onChange={(e) => update({ judge: e.target.value })} data-testid="run-form-judge">
            <option value="">no judge</option>
            {options.models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="run-form-checks" data-testid="run-form-assertions">
          <legend className="param-label">Assertions (every case)</legend>
          {form.assertions.map((a, i) => (
            <div key={i} className="toolbar">
              <select className="select" aria-label={`Assertion ${i + 1} type`} value={a.type} onChange={(e) => update({ assertions: form.assertions.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)) })}>
                {FORM_ASSERTIONS.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <input className="input" aria-label={`Assertion ${i + 1} value`} placeholder={a.type === 'latency' ? 'ms' : 'value'} value={a.value} onChange={(e) => update({ assertions: form.assertions.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
              <button type="button" className="button button-small" onClick={() => update({ assertions: form.assertions.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => update({ assertions: [...form.assertions, { type: 'icontains', value: '' }] })} data-testid="run-form-add-assertion">
            Add assertion
          </button>
        </fieldset>
        <label className="param">
          <span className="param-label">Gate: pass rate (0–1, optional)</span>
          <input className="input" inputMode="decimal" value={form.passRate} onChange={(e) => update({ passRate: e.target.value })} data-testid="run-form-pass-rate" />
        </label>
      </div>
    </div>
  );
}
