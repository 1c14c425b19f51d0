import type { ContentForm, ParamsForm, PromptKind } from './prompt-form.js';
import { VariablesEditor } from './VariablesEditor.js';

interface ContentFieldsProps {
  form: ContentForm;
  onChange: (patch: Partial<ContentForm>) => void;
  disabled: boolean;
  variablesHint: string;
  /** A new prompt: undeclared placeholders become required strings. */
  inferVariables?: boolean;
}

const kinds: Array<{ id: PromptKind; label: string; hint: string }> = [
  { id: 'chat', label: 'Chat', hint: 'A system and a user message' },
  { id: 'completion', label: 'Completion', hint: 'The user template is continued as plain text' },
];

const paramFields: Array<{ key: keyof ParamsForm; label: string; placeholder: string; wide?: boolean }> = [
  { key: 'model', label: 'Model', placeholder: 'model id', wide: true },
  { key: 'maxTokens', label: 'Max tokens', placeholder: 'default' },
  { key: 'temperature', label: 'Temperature', placeholder: 'default' },
  { key: 'topP', label: 'Top p', placeholder: 'default' },
  { key: 'topK', label: 'Top k', placeholder: 'default' },
  { key: 'seed', label: 'Seed', placeholder: 'random' },
  { key: 'stop', label: 'Stop (comma-separated, \\n)', placeholder: 'none', wide: true },
];

/** What a version holds: kind, the two templates, variables, model parameters, an optional output schema and guardrail overrides. */
export function ContentFields({ form, onChange, disabled, variablesHint, inferVariables = false }: ContentFieldsProps) {
  const setParam = (key: keyof ParamsForm, value: string) => onChange({ params: { ...form.params, [key]: value } });

  return (
    <div className="content-fields">
      <div className="segmented" role="radiogroup" aria-label="Kind">
        {kinds.map((kind) => (
          <button
            key={kind.id}
            type="button"
            role="radio"
            aria-checked={form.kind === kind.id}
            className={form.kind === kind.id ? 'segment segment-active' : 'segment'}
            title={kind.hint}
            disabled={disabled}
            onClick={() => onChange({ kind: kind.id })}
            data-testid={`prompts-kind-${kind.id}`}
          >
            {kind.label}
          </button>
        ))}
      </div>
      <div className="template-fields">
        <label className="stacked">
          <span className="panel-label">System template{form.kind === 'completion' ? ' (put before the text)' : ''}</span>
          <textarea className="textarea" value={form.system} disabled={disabled} placeholder="You are a careful assistant." onChange={(e) => onChange({ system: e.target.value })} data-testid="prompts-system" />
        </label>
        <label className="stacked">
          <span className="panel-label">User template</span>
          <textarea
            className="textarea textarea-tall"
            value={form.user}
            disabled={disabled}
            placeholder="Summarise {{text}} in {{words}} words."
            onChange={(e) => onChange({ user: e.target.value })}
            data-testid="prompts-user"
          />
        </label>
      </div>
      <VariablesEditor form={form} onChange={(variables) => onChange({ variables })} disabled={disabled} emptyHint={variablesHint} inferWhenEmpty={inferVariables} />
      <fieldset className="param-grid prompt-params" disabled={disabled}>
        <legend className="panel-label">Model parameters</legend>
        {paramFields.map((field) => (
          <label key={field.key} className={field.wide ? 'param param-wide-2' : 'param'}>
            <span className="param-label">{field.label}</span>
            <input
              className="input"
              value={form.params[field.key]}
              placeholder={field.placeholder}
              spellCheck={false}
              onChange={(e) => setParam(field.key, e.target.value)}
              data-testid={`prompts-param-${field.key}`}
            />
          </label>
        ))}
      </fieldset>
      <label className="stacked">
        <span className="panel-label">Output JSON schema (optional)</span>
        <textarea
          className="textarea"
          value={form.outputSchema}
          disabled={disabled}
          placeholder='{"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]}'
          spellCheck={false}
          onChange={(e) => onChange({ outputSchema: e.target.value })}
          data-testid="prompts-output-schema"
        />
      </label>
      <label className="stacked" title="Merged over the default guardrails (and a collection's, when the prompt answers a RAG question); the core names any key it does not know">
        <span className="panel-label">Guardrail overrides (JSON, optional)</span>
        <textarea
          className="textarea"
          value={form.guard}
          disabled={disabled}
          placeholder='{"input": {"pii": {"action": "block"}}, "output": {"pii": {"enabled": true}}}'
          spellCheck={false}
          onChange={(e) => onChange({ guard: e.target.value })}
          data-testid="prompts-guard"
        />
      </label>
    </div>
  );
}
