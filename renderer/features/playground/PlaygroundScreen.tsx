import type { FormEvent } from 'react';
import { ModelPicker } from './ModelPicker.js';
import { OutputPanel } from './OutputPanel.js';
import { PromptFields } from './PromptFields.js';
import { SamplingFields } from './SamplingFields.js';
import { isBusy, usePlayground } from './playground.store.js';

export function PlaygroundScreen() {
  const status = usePlayground((state) => state.status);
  const generate = usePlayground((state) => state.generate);
  const stop = usePlayground((state) => state.stop);
  const busy = isBusy(status);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    void generate();
  };

  return (
    <section className="screen" aria-labelledby="playground-title">
      <div className="screen-header">
        <h1 id="playground-title" className="screen-title">
          Playground
        </h1>
        <span className="screen-subtitle">Ctrl+Enter generates</span>
      </div>
      <div className="playground">
        <form className="panel input-panel" onSubmit={submit}>
          <ModelPicker disabled={busy} />
          <PromptFields disabled={busy} onSubmit={submit} />
          <SamplingFields disabled={busy} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="generate">
              Generate
            </button>
            <button type="button" className="button" disabled={!busy || status === 'stopping'} onClick={() => void stop()} data-testid="stop">
              Stop
            </button>
          </div>
        </form>
        <OutputPanel />
      </div>
    </section>
  );
}
