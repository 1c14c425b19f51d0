import { verdictTone, type GuardVerdict } from './prompt-run-request.js';

/** What each guardrail scanner said: stage, scanner, outcome and its reasons (`variable:hero` names the variable). */
export function GuardVerdicts({ verdicts }: { verdicts: readonly GuardVerdict[] }) {
  if (verdicts.length === 0) {
    return (
      <p className="hint" data-testid="registry-verdicts-empty">
        No guardrail scanned this run.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table guard-verdicts" data-testid="registry-verdicts">
        <thead>
          <tr>
            <th>Stage</th>
            <th>Scanner</th>
            <th>Outcome</th>
            <th className="cell-number">Score</th>
            <th>Reasons</th>
          </tr>
        </thead>
        <tbody>
          {verdicts.map((verdict, index) => (
            <tr key={index} data-testid="registry-verdict" data-stage={verdict.stage} data-scanner={verdict.scanner} data-outcome={verdict.outcome}>
              <td>{verdict.stage}</td>
              <td className="cell-mono">{verdict.scanner}</td>
              <td>
                <span className={`outcome outcome-${verdictTone(verdict.outcome)}`}>{verdict.outcome}</span>
              </td>
              <td className="cell-number">{verdict.score.toFixed(2)}</td>
              <td className="guard-reasons" data-testid="registry-verdict-reasons">
                {verdict.reasons.length === 0 ? <span className="muted">—</span> : verdict.reasons.join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
