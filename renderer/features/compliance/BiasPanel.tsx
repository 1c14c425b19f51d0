import { attributeNames, useCompliance } from './compliance.store.js';

/** Bias audits of the chosen model: run one over chosen attributes, read its outcome differences and p-values. */
export function BiasPanel() {
  const { audits, report, attributes, running } = useCompliance();
  const { toggleAttribute, runBias, openAudit } = useCompliance.getState();
  return (
    <section className="panel" aria-label="Bias audits" data-testid="bias-panel">
      <div className="panel-header">
        <span className="panel-label">Bias audits</span>
      </div>
      <div className="actions">
        {attributeNames.map((name) => (
          <label key={name} className="checkbox">
            <input type="checkbox" checked={attributes.includes(name)} onChange={(event) => toggleAttribute(name, event.target.checked)} data-testid={`bias-attr-${name}`} /> {name}
          </label>
        ))}
        <span className="spacer" />
        <button type="button" className="button button-primary" disabled={running || attributes.length === 0} onClick={() => void runBias()} data-testid="bias-run">
          {running ? 'Running…' : 'Run bias audit'}
        </button>
      </div>
      <p className="hint">
        Counterfactual prompts change one protected attribute in otherwise identical inputs; length, refusal rate and sentiment are compared with a
        permutation test.
      </p>
      {audits.length > 0 && (
        <ul data-testid="bias-audits">
          {audits.map((a) => (
            <li key={a.id}>
              <button type="button" className="row-select" onClick={() => void openAudit(a.id)}>
                {a.createdAt}
              </button>{' '}
              — {a.summary}
            </li>
          ))}
        </ul>
      )}
      {report && (
        <table className="table" data-testid="bias-report">
          <thead>
            <tr>
              <th>Attribute</th>
              <th>Measure</th>
              <th>Means by value</th>
              <th className="cell-number">Difference</th>
              <th className="cell-number">p</th>
              <th>Significant</th>
            </tr>
          </thead>
          <tbody>
            {report.attributes.flatMap((a) =>
              a.metrics.map((m) => (
                <tr key={`${a.attribute}-${m.metric}`}>
                  <td>{a.attribute}</td>
                  <td>{m.metric}</td>
                  <td>
                    {Object.entries(m.means)
                      .map(([value, mean]) => `${value}: ${mean}`)
                      .join(' · ')}
                  </td>
                  <td className="cell-number">{m.difference}</td>
                  <td className="cell-number">{m.pValue}</td>
                  <td>{m.significant ? `yes (p < ${report.alpha})` : 'no'}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
