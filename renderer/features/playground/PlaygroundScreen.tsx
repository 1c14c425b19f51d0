import { useEffect, type FormEvent } from 'react';
import { ConversationsPanel } from './ConversationsPanel.js';
import { ModelPicker } from './ModelPicker.js';
import { OutputPanel } from './OutputPanel.js';
import { PromptFields } from './PromptFields.js';
import { RegistryOutputPanel } from './RegistryOutputPanel.js';
import { RegistryRunForm } from './RegistryRunForm.js';
import { SamplingFields } from './SamplingFields.js';
import { isBusy, restorePlaygroundDraft, usePlayground, type PlaygroundSource } from './playground.store.js';
import { useRegistryRun } from './registry-run.store.js';

const sources: { id: PlaygroundSource; label: string; hint: string }[] = [
  { id: 'free', label: 'Free prompt', hint: 'Type a prompt or chat messages and generate' },
  { id: 'registry', label: 'Registry prompt', hint: "Run a versioned prompt from the registry with its variables, parameters and guardrails" },
];

export function PlaygroundScreen() {
  const source = usePlayground((state) => state.source);
  const setSource = usePlayground((state) => state.setSource);
  const freeBusy = isBusy(usePlayground((state) => state.status));
  const registryBusy = isBusy(useRegistryRun((state) => state.status));
  useEffect(() => restorePlaygroundDraft(), []);

  return (
    <section className="screen" aria-labelledby="playground-title">
      <div className="screen-header">
        <h1 id="playground-title" className="screen-title">
          Playground
        </h1>
        <div className="segmented" role="radiogroup" aria-label="Source">
          {sources.map((item) => (
            <button
              key={item.id}
              type="button"
              role="radio"
              aria-checked={source === item.id}
              className={source === item.id ? 'segment segment-active' : 'segment'}
              title={item.hint}
              disabled={freeBusy || registryBusy}
              onClick={() => setSource(item.id)}
              data-testid={`source-${item.id}`}
            >
              {item.label}
            </button>
          ))}
        </div>
        <span className="screen-subtitle">Ctrl+Enter {source === 'free' ? 'generates' : 'runs'}</span>
      </div>
      <div className="playground">{source === 'free' ? <FreePlayground /> : <RegistryPlayground />}</div>
    </section>
  );
}

/** Free text or chat messages to `inference.generate`. */
function FreePlayground() {
  const status = usePlayground((state) => state.status);
  const generate = usePlayground((state) => state.generate);
  const stop = usePlayground((state) => state.stop);
  const chat = usePlayground((state) => state.form.mode === 'chat');
  const busy = isBusy(status);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    void generate();
  };

  return (
    <>
      <form className="panel input-panel" onSubmit={submit}>
        <ModelPicker disabled={busy} />
        <PromptFields disabled={busy} onSubmit={submit} />
        <SamplingFields disabled={busy} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="generate">
            {chat ? 'Send' : 'Generate'}
          </button>
          <button type="button" className="button" disabled={!busy || status === 'stopping'} onClick={() => void stop()} data-testid="stop">
            Stop
          </button>
        </div>
        {chat && <ConversationsPanel disabled={busy} />}
      </form>
      <OutputPanel />
    </>
  );
}

/** A registry prompt to `prompts.run`: guardrails in, guardrails out. */
function RegistryPlayground() {
  return (
    <>
      <RegistryRunForm />
      <RegistryOutputPanel />
    </>
  );
}
