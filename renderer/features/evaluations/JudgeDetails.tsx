import { NoticeBox } from '../shell/ErrorMessage.js';
import { formatMetric } from './eval-format.js';
import type { EvalJudge } from './eval-types.js';
import { ModelName } from './ModelName.js';

type Single = NonNullable<EvalJudge['single']>;
type Pairwise = NonNullable<EvalJudge['pairwise']>;

function SingleVerdict({ verdict }: { verdict: Single }) {
  return (
    <div className="stacked" data-testid="eval-judge-single">
      <span className="eval-judge-line">
        <strong>Judge</strong> <span className="muted">
          <ModelName value={verdict.model} />
        </span>{' '}
        overall <b>{formatMetric(verdict.overall)}</b>
      </span>
      <ul className="eval-scores">
        {Object.entries(verdict.scores).map(([criterion, score]) => (
          <li key={criterion} className="eval-score" data-testid="eval-judge-score" data-criterion={criterion}>
            <span>{criterion}</span>
            <b className="cell-number">{formatMetric(score)}</b>
          </li>
        ))}
      </ul>
      {verdict.reasoning && <pre className="code-block eval-reasoning">{verdict.reasoning}</pre>}
    </div>
  );
}

function PairwiseVerdict({ verdict }: { verdict: Pairwise }) {
  return (
    <div className="stacked" data-testid="eval-judge-pairwise">
      <span className="eval-judge-line">
        <strong>Pairwise</strong> against prompt <code>{verdict.against}</code> (A = {verdict.against}, B = this one): winner <b>{verdict.winner}</b>
        {verdict.consistent ? '' : ' (the two orders disagree: counted as a tie)'}{' '}
        <span className="muted">
          <ModelName value={verdict.model} />
        </span>
      </span>
      {verdict.orders.map((order) => (
        <div key={order.order} className="stacked">
          <span className="hint">
            Order {order.order}: winner {order.winner}
          </span>
          {order.reasoning && <pre className="code-block eval-reasoning">{order.reasoning}</pre>}
        </div>
      ))}
    </div>
  );
}

/**
 * The judge's verdicts on one output: its scores and reasoning, the pairwise comparison in both orders, and why
 * judging failed, if it did. The error may come from RAG's claim judge (`rag.claimJudge`) with no verdict at all.
 */
export function JudgeDetails({ judge }: { judge: EvalJudge }) {
  return (
    <div className="stacked eval-judge" data-testid="eval-judge">
      {judge.single && <SingleVerdict verdict={judge.single} />}
      {judge.pairwise && <PairwiseVerdict verdict={judge.pairwise} />}
      {judge.error && <NoticeBox kind="error" code={judge.error.code} message={`Judging failed: ${judge.error.message}`} lines={[]} testId="eval-judge-error" />}
    </div>
  );
}
