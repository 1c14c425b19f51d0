import { useEffect, useState, type FormEvent } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { renderValues, type PromptVariable } from './prompt-form.js';
import type { PromptDetail } from './prompts.store.js';

type Rendered = Output<'prompts.render'>;

function paramsLine(params: Rendered['params']): string {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? 'defaults' : entries.map(([key, value]) => `${key} ${JSON.stringify(value)}`).join(' · ');
}

/** "Try it": renders a version or label with values for its variables, exactly as callers get it. */
export function RenderPreview({ detail, initialRef }: { detail: PromptDetail; initialRef: string | null }) {
  const { prompt, versions } = detail;
  const [ref, setRef] = useState(initialRef ?? prompt.name);
  const [variables, setVariables] = useState<PromptVariable[] | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [busy, setBusy] = useState(false);

  // The variables of what `ref` points at now, so the form asks for exactly those.
  useEffect(() => {
    let live = true;
    setVariables(null);
    setError(null);
    call('prompts.show', { ref }).then(
      (value) => live && setVariables(value.version.variables),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [ref]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    call('prompts.render', { ref, variables: renderValues(variables ?? [], typed) }).then(
      (value) => (setRendered(value), setBusy(false)),
      (failure: unknown) => (setRendered(null), setError(toClientError(failure)), setBusy(false)),
    );
  };

  return (
    <div className="render-preview">
      <form className="panel render-form" onSubmit={submit} aria-label="Render a preview" data-testid="prompts-render-form">
        <label className="param">
          <span className="param-label">Version or label</span>
          <select className="select" value={ref} onChange={(e) => (setRef(e.target.value), setRendered(null))} data-testid="prompts-render-ref">
            <option value={prompt.name}>latest ({prompt.latest})</option>
            {prompt.labels.map((l) => (
              <option key={l.label} value={`${prompt.name}@${l.label}`}>
                @{l.label} ({l.version})
              </option>
            ))}
            {versions.map((v) => (
              <option key={v.version} value={`${prompt.name}@${v.version}`}>
                @{v.version}
              </option>
            ))}
          </select>
        </label>
        {variables === null ? (
          <p className="hint">Loading variables…</p>
        ) : variables.length === 0 ? (
          <p className="hint">This version takes no variables.</p>
        ) : (
          variables.map((variable) => (
            <label key={variable.name} className="param">
              <span className="param-label">
                <span className="cell-mono">{variable.name}</span> · {variable.type}
                {variable.required ? '' : ' · optional'}
                {variable.description ? ` · ${variable.description}` : ''}
              </span>
              <textarea
                className="textarea render-value"
                rows={variable.type === 'json' || variable.type === 'list' ? 3 : 1}
                value={typed[variable.name] ?? ''}
                placeholder={variable.default !== undefined ? `default: ${JSON.stringify(variable.default)}` : variable.type === 'list' ? '["a", "b"]' : ''}
                onChange={(e) => setTyped((t) => ({ ...t, [variable.name]: e.target.value }))}
                data-testid="prompts-render-var"
                data-name={variable.name}
              />
            </label>
          ))
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy || variables === null} data-testid="prompts-render-submit">
            Render
          </button>
        </div>
      </form>
      <div className="panel render-output" data-testid="prompts-render-output" data-version={rendered?.version}>
        <span className="panel-label">{rendered ? `${rendered.name}@${rendered.version} · ${rendered.kind}` : 'Preview'}</span>
        {error && <ErrorMessage error={error} onDismiss={() => setError(null)} testId="prompts-render-error" />}
        {!rendered && !error && <p className="hint">Fill in the variables and render to see the exact text the model receives.</p>}
        {rendered?.messages?.map((message, index) => (
          <div key={index} className="stacked" data-testid="prompts-render-message" data-role={message.role}>
            <span className="inspector-subtitle">{message.role}</span>
            <pre className="code-block render-text">{message.content}</pre>
          </div>
        ))}
        {rendered?.prompt != null && (
          <pre className="code-block render-text" data-testid="prompts-render-message" data-role="prompt">
            {rendered.prompt}
          </pre>
        )}
        {rendered && (
          <dl className="fields render-meta">
            <div className="field">
              <dt>Parameters</dt>
              <dd className="cell-mono">{paramsLine(rendered.params)}</dd>
            </div>
            <div className="field">
              <dt>Output schema</dt>
              <dd className="cell-mono">{rendered.outputSchema ? JSON.stringify(rendered.outputSchema) : 'none'}</dd>
            </div>
          </dl>
        )}
      </div>
    </div>
  );
}
