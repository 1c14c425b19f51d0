import type { IntegrityReport } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { shortHash } from './audit-filter.js';
import { useAudit } from './audit.store.js';

/** Problems listed in the banner; the rest are counted. */
const SHOWN_PROBLEMS = 5;

function summary(report: IntegrityReport): string {
  const checkpoints = `${report.checkpoints.toLocaleString('en-US')} signed checkpoint${report.checkpoints === 1 ? '' : 's'}`;
  const entries = `${report.entries.toLocaleString('en-US')} entr${report.entries === 1 ? 'y' : 'ies'}`;
  return `${entries}, ${checkpoints}, head ${shortHash(report.headHash, 12)}, key ${report.keyId ?? '—'}`;
}

/** The trail's integrity: checked when the screen opens and on demand. */
export function IntegrityBanner() {
  const report = useAudit((state) => state.integrity);
  const verifying = useAudit((state) => state.verifying);
  const error = useAudit((state) => state.integrityError);
  const verify = useAudit((state) => state.verify);
  const state = report === null ? 'unknown' : report.ok ? 'intact' : 'broken';
  const hidden = report ? report.problems.length - SHOWN_PROBLEMS + report.truncatedProblems : 0;

  return (
    <div className="stacked">
      <div className={`integrity integrity-${state}`} role="status" data-testid="audit-integrity" data-ok={report ? String(report.ok) : undefined}>
        <div className="integrity-body">
          {report === null ? (
            <span>{verifying ? 'Verifying the audit trail…' : 'Integrity not checked yet.'}</span>
          ) : report.ok ? (
            <span>
              <strong>Intact:</strong> {summary(report)}
            </span>
          ) : (
            <>
              <span>
                <strong>Integrity check failed:</strong> {summary(report)}
              </span>
              <ul className="integrity-problems" data-testid="audit-integrity-problems">
                {report.problems.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                  <li key={index}>
                    <span className="integrity-kind">{problem.kind}</span>
                    {problem.seq !== null && <span className="integrity-seq">seq {problem.seq}</span>}
                    {problem.reason}
                  </li>
                ))}
                {hidden > 0 && <li>…and {hidden.toLocaleString('en-US')} more</li>}
              </ul>
            </>
          )}
        </div>
        <button type="button" className="button button-small" onClick={() => void verify()} disabled={verifying} data-testid="audit-verify">
          {verifying ? 'Verifying…' : 'Verify now'}
        </button>
      </div>
      {error && <ErrorMessage error={error} testId="audit-integrity-error" />}
    </div>
  );
}
