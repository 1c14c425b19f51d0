import { newVariableRow, undeclaredPlaceholders, unusedVariables, variableTypeList, type ContentForm, type VariableRow, type VariableType } from './prompt-form.js';

interface VariablesEditorProps {
  form: ContentForm;
  onChange: (variables: VariableRow[]) => void;
  disabled: boolean;
  /** Shown when no variable is declared. */
  emptyHint: string;
  /** A new prompt: with nothing declared, the core infers the variables, so undeclared placeholders are fine. */
  inferWhenEmpty?: boolean;
}

/** The declared variables, one row each, and the placeholders still to declare. */
export function VariablesEditor({ form, onChange, disabled, emptyHint, inferWhenEmpty = false }: VariablesEditorProps) {
  const rows = form.variables;
  const missing = undeclaredPlaceholders(form);
  const inferring = inferWhenEmpty && rows.length === 0;
  const unused = unusedVariables(form);
  const update = (index: number, patch: Partial<VariableRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="variables-editor" disabled={disabled}>
      <legend className="panel-label">Variables</legend>
      {rows.length === 0 ? (
        <p className="hint">{emptyHint}</p>
      ) : (
        <table className="variables-table" data-testid="prompts-variables">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Required</th>
              <th>Default</th>
              <th>Description</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} data-testid="prompts-variable-row" data-name={row.name}>
                <td>
                  <input className="input input-small input-mono" value={row.name} spellCheck={false} aria-label="Variable name" onChange={(e) => update(index, { name: e.target.value })} />
                </td>
                <td>
                  <select className="select select-small" value={row.type} aria-label="Type" onChange={(e) => update(index, { type: e.target.value as VariableType })}>
                    {variableTypeList.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="variables-required">
                  <input type="checkbox" checked={row.required} aria-label="Required" onChange={(e) => update(index, { required: e.target.checked })} />
                </td>
                <td>
                  <input
                    className="input input-small"
                    value={row.default}
                    placeholder={row.type === 'string' ? 'none' : row.type === 'list' ? '["a","b"] or a, b' : 'JSON'}
                    aria-label="Default"
                    onChange={(e) => update(index, { default: e.target.value })}
                  />
                </td>
                <td>
                  <input className="input input-small" value={row.description} aria-label="Description" onChange={(e) => update(index, { description: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="row-action row-action-danger" onClick={() => onChange(rows.filter((_, i) => i !== index))} aria-label={`Remove ${row.name}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="toolbar">
        {missing.map((name) => (
          <button
            key={name}
            type="button"
            className="button button-small variable-declare"
            onClick={() => onChange([...rows, newVariableRow(name)])}
            title={`{{${name}}} is used in a template but not declared`}
            data-testid="prompts-variable-declare"
            data-name={name}
          >
            Declare {name}
          </button>
        ))}
        <button type="button" className="button button-small" onClick={() => onChange([...rows, newVariableRow()])} data-testid="prompts-variable-add">
          Add variable
        </button>
        {missing.length > 0 && inferring && <span className="hint">Inferred: {missing.join(', ')}</span>}
        {missing.length > 0 && !inferring && (
          <span className="hint hint-warn" data-testid="prompts-variables-undeclared">
            Undeclared: {missing.map((name) => `{{${name}}}`).join(', ')}
          </span>
        )}
        {unused.length > 0 && <span className="hint">Not used by the templates: {unused.join(', ')}</span>}
      </div>
    </fieldset>
  );
}
