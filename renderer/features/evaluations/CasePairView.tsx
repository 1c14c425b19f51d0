import { ErrorMessage } from '../shell/ErrorMessage.js';
import { useCompare, type CasePair } from './compare.store.js';
import { formatMetric } from './eval-format.js';
import { ResultDetail } from './ResultDetail.js';

/** One changed case: its base result and its head result side by side. */
export function CasePairView({ pair }: { pair: CasePair }) {
  const closeCase = useCompare((state) => state.closeCase);
  const { change } = pair;
  return (
    <div className="panel eval-pair" data-testid="eval-case-pair" data-case={change.caseKey}>
      <div className="inspector-header">
        <h2 className="inspector-title">
          Case {change.caseKey}: <code>{change.metric}</code> {formatMetric(change.base)} → {formatMetric(change.head)}
        </h2>
        <button type="button" className="button button-small" onClick={closeCase} data-testid="eval-pair-close">
          Close
        </button>
      </div>
      {pair.error && <ErrorMessage error={pair.error} testId="eval-pair-error" />}
      {pair.loading && <p className="hint">Loading both results…</p>}
      {!pair.loading && !pair.error && (
        <div className="eval-pair-columns">
          {pair.base ? <ResultDetail result={pair.base} label="Base" testId="eval-pair-base" /> : <p className="empty">The base run has no result for this case.</p>}
          {pair.head ? <ResultDetail result={pair.head} label="Head" testId="eval-pair-head" /> : <p className="empty">The head run has no result for this case.</p>}
        </div>
      )}
    </div>
  );
}
