import type { KeyboardEvent } from 'react';
import type { PlaygroundMode } from './generate-request.js';
import { ChatTranscript } from './ChatTranscript.js';
import { usePlayground } from './playground.store.js';
import { SystemPromptPicker } from './SystemPromptPicker.js';

const modes: { id: PlaygroundMode; label: string; hint: string }[] = [
  { id: 'prompt', label: 'Prompt', hint: 'Raw text completion' },
  { id: 'chat', label: 'Chat', hint: "A conversation, turn by turn, formatted with the model's chat template" },
];

/** The mode toggle and the text boxes; Ctrl+Enter (⌘+Enter) generates. */
export function PromptFields({ disabled, onSubmit }: { disabled: boolean; onSubmit: () => void }) {
  const form = usePlayground((state) => state.form);
  const setField = usePlayground((state) => state.setField);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <>
      <div className="segmented" role="radiogroup" aria-label="Mode">
        {modes.map((mode) => (
          <button
            key={mode.id}
            type="button"
            role="radio"
            aria-checked={form.mode === mode.id}
            className={form.mode === mode.id ? 'segment segment-active' : 'segment'}
            title={mode.hint}
            disabled={disabled}
            onClick={() => setField('mode', mode.id)}
            data-testid={`mode-${mode.id}`}
          >
            {mode.label}
          </button>
        ))}
      </div>
      {form.mode === 'prompt' ? (
        <label className="stacked">
          <span className="panel-label">Prompt</span>
          <textarea
            className="textarea textarea-tall"
            placeholder="Once upon a time"
            value={form.prompt}
            disabled={disabled}
            onChange={(event) => setField('prompt', event.target.value)}
            onKeyDown={onKeyDown}
            data-testid="prompt-input"
          />
        </label>
      ) : (
        <>
          <SystemPromptPicker disabled={disabled} />
          <label className="stacked">
            <span className="panel-label">System (optional)</span>
            <textarea
              className="textarea"
              placeholder="You are a concise assistant."
              value={form.system}
              disabled={disabled}
              onChange={(event) => setField('system', event.target.value)}
              onKeyDown={onKeyDown}
              data-testid="system-input"
            />
          </label>
          <ChatTranscript disabled={disabled} />
          <label className="stacked">
            <span className="panel-label">Your message</span>
            <textarea
              className="textarea textarea-tall"
              placeholder="Summarise the attached policy in three bullet points."
              value={form.user}
              disabled={disabled}
              onChange={(event) => setField('user', event.target.value)}
              onKeyDown={onKeyDown}
              data-testid="user-input"
            />
          </label>
        </>
      )}
    </>
  );
}
