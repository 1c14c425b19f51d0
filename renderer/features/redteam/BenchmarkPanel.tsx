import type { ChangeEvent } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useBenchmark, type BenchmarkFormat } from './benchmark.store.js';

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** Multiple-choice benchmarks (MMLU, HellaSwag, ARC, TruthfulQA-MC) scored by log-likelihood on a local model. */
export function BenchmarkPanel() {
  const state = useBenchmark();
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) state.set({ fileName: file.name, content: await file.text() });
  };
  return (
    <section className="panel" data-testid="benchmark-panel">
      <div className="panel-header">
        <span className="panel-label">Benchmark a model (multiple choice, by log-likelihood)</span>
      </div>
      <div className="toolbar">
        <input type="file" accept=".txt,.jsonl,.json" onChange={(e) => void pick(e)} aria-label="Benchmark file" data-testid="benchmark-file" />
        <select className="select" value={state.format} onChange={(e) => state.set({ format: e.target.value as BenchmarkFormat })} aria-label="Format" data-testid="benchmark-format">
          <option value="hellaswag">HellaSwag</option>
          <option value="mmlu">MMLU</option>
          <option value="arc">ARC</option>
          <option value="truthfulqa-mc">TruthfulQA MC1</option>
        </select>
        <input className="input" placeholder="model name" value={state.model} onChange={(e) => state.set({ model: e.target.value })} aria-label="Benchmark model" data-testid="benchmark-model" />
        <button type="button" className="button button-primary" disabled={state.running || state.content === '' || state.model.trim() === ''} onClick={() => void state.run()} data-testid="benchmark-run">
          {state.running ? 'Scoring…' : 'Score'}
        </button>
        {state.running && state.progress && <span className="task-message">{state.progress}</span>}
      </div>
      {state.error && <ErrorMessage error={state.error} testId="benchmark-error" />}
      {state.result && (
        <div data-testid="benchmark-result">
          <p>
            {state.result.items} items on {state.result.model}: accuracy <b data-testid="benchmark-accuracy">{pct(state.result.accuracy)}</b> [{pct(state.result.ci95.accuracy.low)}, {pct(state.result.ci95.accuracy.high)}], accuracyNorm{' '}
            <b data-testid="benchmark-accuracy-norm">{pct(state.result.accuracyNorm)}</b> (per token, as llama.cpp), {pct(state.result.accuracyNormChars)} per byte
          </p>
          <p className="hint" data-testid="benchmark-run-id">
            Stored as eval run {state.result.runId} (benchmark:{state.result.format}): open it on the Evaluations screen to browse items or compare models.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>Subject</th>
                <th>Items</th>
                <th>Accuracy</th>
                <th>95% CI</th>
                <th>Accuracy (norm)</th>
              </tr>
            </thead>
            <tbody>
              {state.result.subjects.map((s) => (
                <tr key={s.subject}>
                  <td>{s.subject}</td>
                  <td className="cell-number">{s.items}</td>
                  <td className="cell-number">{pct(s.accuracy.mean)}</td>
                  <td>
                    [{pct(s.accuracy.low)}, {pct(s.accuracy.high)}]
                  </td>
                  <td className="cell-number">{pct(s.accuracyNorm.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
