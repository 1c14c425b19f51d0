import { useCompliance, type CardResult } from './compliance.store.js';

/** A model card as the registry states it; downloads in Markdown, self-contained HTML or JSON. */
export function ModelCardView({ result }: { result: CardResult }) {
  const { card, version } = result;
  const m = card.model;
  const downloadCard = useCompliance((state) => state.downloadCard);
  const details: Array<[string, string]> = [
    ['Architecture', m.architecture ?? 'not stated'], ['Parameters', m.parameterCount?.toLocaleString('en-US') ?? 'not stated'], ['Quantization', m.quantization ?? 'not stated'],
    ['Context length', m.contextLength?.toLocaleString('en-US') ?? 'not stated'], ['Licence', m.license ?? 'not stated'], ['Approval', m.approval], ['SHA-256', m.sha256], ['Imported', m.importedAt],
  ];
  return (
    <section className="panel" aria-label="Model card" data-testid="model-card" data-version={version}>
      <div className="panel-header">
        <span className="panel-label">
          Model card: {m.name} · version {version}
        </span>
        <span className="spacer" />
        {(['md', 'html', 'json'] as const).map((format) => (
          <button key={format} type="button" className="button button-small" onClick={() => void downloadCard(format)} data-testid={`card-download-${format}`}>
            {format === 'md' ? 'Markdown' : format.toUpperCase()}
          </button>
        ))}
      </div>
      <table className="table" data-testid="card-details">
        <tbody>
          {details.map(([label, value]) => (
            <tr key={label}>
              <th>{label}</th>
              <td className={label === 'SHA-256' ? 'input-mono' : undefined}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="panel-label">Intended use</h3>
      <p>{card.intendedUse}</p>
      <h3 className="panel-label">Limitations and risks</h3>
      <ul data-testid="card-risks">
        {[...card.limitations, ...card.risks].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3 className="panel-label">Approval history</h3>
      <ul>
        {card.approvalHistory.map((h) => (
          <li key={h.at + h.action}>
            {h.at} — {h.action} by {h.actor}
            {h.reason ? `: ${h.reason}` : ''}
          </li>
        ))}
      </ul>
      <h3 className="panel-label">Evaluations</h3>
      {card.evaluations.length === 0 ? (
        <p className="hint">No evaluation run has used this model yet.</p>
      ) : (
        <ul>
          {card.evaluations.map((e) => (
            <li key={e.runId}>
              {e.createdAt} — {e.name} ({e.status}
              {e.gatePassed === null ? '' : e.gatePassed ? ', gate passed' : ', gate failed'})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
