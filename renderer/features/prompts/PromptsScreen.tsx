import { useEffect, useState } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { CreatePromptForm } from './CreatePromptForm.js';
import { PromptPage } from './PromptPage.js';
import { PromptTable } from './PromptTable.js';
import { usePrompts } from './prompts.store.js';
import { holds, useAuth } from '../auth/auth.store.js';

export function PromptsScreen() {
  const prompts = usePrompts((state) => state.prompts);
  const loaded = usePrompts((state) => state.loaded);
  const error = usePrompts((state) => state.error);
  const selected = usePrompts((state) => state.selected);
  const [creating, setCreating] = useState(false);

  // Every visit reads the registry again: versions and labels also move from the CLI and from eval gates.
  useEffect(() => {
    void usePrompts.getState().refresh();
  }, []);

  // Creating, versioning and moving labels need prompts.manage; without it the screen reads only.
  const canManage = holds(useAuth((state) => state.me), 'prompts.manage');

  return (
    <section className="screen" aria-labelledby="prompts-title">
      <div className="screen-header">
        <h1 id="prompts-title" className="screen-title">
          Prompts
        </h1>
        <span className="screen-subtitle">{loaded ? `${prompts.length} prompt${prompts.length === 1 ? '' : 's'} · versioned templates; labels point callers at a version` : 'Loading…'}</span>
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void usePrompts.getState().reload()} title="Read the registry again (the CLI and eval gates change it too)" data-testid="prompts-reload">
          Reload
        </button>
        {!creating && canManage && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)} data-testid="prompts-new">
            New prompt
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} testId="prompts-error" />}
      {creating && <CreatePromptForm onDone={() => setCreating(false)} />}
      {loaded && prompts.length === 0 && !creating && !error ? (
        <p className="empty" data-testid="prompts-empty">
          No prompts yet. A prompt is a versioned template (system and user text, variables, model parameters); labels such as staging and
          production point callers at one of its versions.
        </p>
      ) : (
        prompts.length > 0 && <PromptTable prompts={prompts} />
      )}
      {selected !== null && <PromptPage key={selected} name={selected} />}
    </section>
  );
}
