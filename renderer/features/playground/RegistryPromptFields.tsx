import type { KeyboardEvent } from 'react';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useNavigation } from '../shell/navigation.store.js';
import { refOptions, variableInputKind, type RegistryVariable } from './prompt-run-request.js';
import { useRegistryRun } from './registry-run.store.js';

const viaText = { label: 'via label', version: 'pinned version', latest: 'latest version', ab: 'A/B test' } as const;

/** The prompt, its ref (latest, a label or a version), what that ref resolves to now, and one input per variable. */
export function RegistryPromptFields({ disabled, onSubmit }: { disabled: boolean; onSubmit: () => void }) {
  const prompts = useRegistryRun((state) => state.prompts);
  const loaded = useRegistryRun((state) => state.promptsLoaded);
  const listError = useRegistryRun((state) => state.listError);
  const versions = useRegistryRun((state) => state.versions);
  const form = useRegistryRun((state) => state.form);
  const resolved = useRegistryRun((state) => state.resolved);
  const resolveError = useRegistryRun((state) => state.resolveError);
  const choosePrompt = useRegistryRun((state) => state.choosePrompt);
  const setRef = useRegistryRun((state) => state.setRef);
  const go = useNavigation((state) => state.go);
  const summary = prompts.find((p) => p.name === form.prompt);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };

  if (listError) return <ErrorMessage error={listError} testId="registry-list-error" />;
  if (loaded && prompts.length === 0) {
    return (
      <p className="empty" data-testid="registry-no-prompts">
        No prompt in the registry yet.{' '}
        <button type="button" className="link-button" onClick={() => go('prompts')}>
          Create one on the Prompts screen.
        </button>
      </p>
    );
  }

  return (
    <>
      <div className="registry-ref">
        <label className="param">
          <span className="param-label">Prompt</span>
          <select className="select" value={form.prompt} disabled={disabled} onChange={(e) => choosePrompt(e.target.value)} data-testid="registry-prompt">
            {prompts.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="param">
          <span className="param-label">Version or label</span>
          <select className="select" value={form.ref} disabled={disabled || !summary} onChange={(e) => setRef(e.target.value)} data-testid="registry-ref">
            {summary &&
              refOptions(summary.name, summary.latest, summary.labels, versions).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
          </select>
        </label>
      </div>
      {resolveError && <ErrorMessage error={resolveError} testId="registry-resolve-error" />}
      {resolved ? (
        <p className="hint" data-testid="registry-resolved" data-version={resolved.version.version}>
          <span className="cell-mono">{form.ref}</span> → {resolved.version.name} <strong>{resolved.version.version}</strong> · {viaText[resolved.via]} · {resolved.version.kind}
          {resolved.version.params.model ? ` · model ${resolved.version.params.model}` : ' · names no model'}
        </p>
      ) : (
        !resolveError && form.prompt !== '' && <p className="hint">Resolving…</p>
      )}
      {resolved &&
        (resolved.version.variables.length === 0 ? (
          <p className="hint">This version takes no variables.</p>
        ) : (
          <fieldset className="registry-vars" disabled={disabled}>
            <legend className="panel-label">Variables</legend>
            {resolved.version.variables.map((variable) => (
              <VariableInput key={variable.name} variable={variable} onKeyDown={onKeyDown} />
            ))}
          </fieldset>
        ))}
    </>
  );
}

function placeholderOf(variable: RegistryVariable): string {
  if (variable.default !== undefined) return `default: ${JSON.stringify(variable.default)}`;
  if (variable.type === 'list') return '["a", "b"]';
  if (variable.type === 'json') return '{"key": "value"}';
  return '';
}

/** One value, typed as the variable declares: text, a number, true/false, or JSON for json and list. */
function VariableInput({ variable, onKeyDown }: { variable: RegistryVariable; onKeyDown: (event: KeyboardEvent) => void }) {
  const value = useRegistryRun((state) => state.form.values[variable.name] ?? '');
  const setValue = useRegistryRun((state) => state.setValue);
  const kind = variableInputKind(variable.type);
  const common = { 'data-testid': 'registry-var', 'data-name': variable.name, 'data-type': variable.type };

  return (
    <label className="param">
      <span className="param-label">
        <span className="cell-mono">{variable.name}</span> · {variable.type}
        {variable.required ? '' : ' · optional'}
        {variable.description ? ` · ${variable.description}` : ''}
      </span>
      {kind === 'number' ? (
        <input className="input" type="number" inputMode="decimal" value={value} placeholder={placeholderOf(variable)} onChange={(e) => setValue(variable.name, e.target.value)} {...common} />
      ) : kind === 'boolean' ? (
        <select className="select" value={value} onChange={(e) => setValue(variable.name, e.target.value)} {...common}>
          <option value="">{variable.default !== undefined ? `default (${JSON.stringify(variable.default)})` : '—'}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <textarea
          className={kind === 'json' ? 'textarea registry-value registry-value-json' : 'textarea registry-value'}
          rows={kind === 'json' ? 3 : 2}
          spellCheck={kind !== 'json'}
          value={value}
          placeholder={placeholderOf(variable)}
          onChange={(e) => setValue(variable.name, e.target.value)}
          onKeyDown={onKeyDown}
          {...common}
        />
      )}
    </label>
  );
}
