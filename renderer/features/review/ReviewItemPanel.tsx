import { formatAge, useReview, type ReviewDetail } from './review.store.js';

/** One held answer with what a reviewer needs: the question, the answer, the passages, citations and verdicts. */
export function ReviewItemPanel({ detail }: { detail: ReviewDetail }) {
  const { editText, reason, busy } = useReview();
  const { setEditText, setReason, decide } = useReview.getState();
  const pending = detail.status === 'pending';
  if (detail.withheld) {
    return (
      <section className="panel" data-testid="review-detail">
        <p className="hint hint-warn">You may not read every passage this answer was built from; a reviewer who can must decide it.</p>
      </section>
    );
  }
  const edited = editText.trim() !== detail.heldOutput.trim();
  return (
    <section className="panel review-detail" aria-label="Held answer" data-testid="review-detail" data-status={detail.status}>
      <div className="panel-header">
        <span className="panel-label">
          Held {formatAge(detail.ageSeconds)} {pending ? 'ago' : `before it was ${detail.status} by ${detail.decidedBy ?? ''}`} · asked by {detail.requester}
        </span>
      </div>
      <p className="hint">Why: {detail.reasons.join('; ')}</p>
      <h3 className="panel-label">Question</h3>
      <p data-testid="review-question">{detail.question}</p>
      <h3 className="panel-label">{pending ? 'Answer (edit it to release your text instead)' : 'Released text'}</h3>
      {pending ? (
        <textarea className="textarea" value={editText} onChange={(event) => setEditText(event.target.value)} aria-label="Answer to release" data-testid="review-answer" />
      ) : (
        <p data-testid="review-released">{detail.releasedText ?? `Not released${detail.decisionReason ? `: ${detail.decisionReason}` : ''}`}</p>
      )}
      {detail.support && (
        <p className="hint">
          {detail.support.supported} of {detail.support.sentences} sentences supported by the passages they cite
        </p>
      )}
      {detail.unsupported.length > 0 && (
        <ul className="hint hint-warn" data-testid="review-unsupported">
          {detail.unsupported.map((u, i) => (
            <li key={i}>
              {u.sentence} — {u.reason}
            </li>
          ))}
        </ul>
      )}
      <h3 className="panel-label">Retrieved passages</h3>
      <ol className="review-passages" data-testid="review-passages">
        {detail.passages.map((p) => (
          <li key={p.n}>
            <span className="muted">
              [{p.n}] score {p.score.toFixed(3)} · {p.source ?? 'removed since'}
              {detail.cited.includes(p.n) ? ' · cited by the answer' : ''}
            </span>
            <div>{p.text ?? ''}</div>
          </li>
        ))}
      </ol>
      <h3 className="panel-label">Guard verdicts</h3>
      <ul className="hint" data-testid="review-verdicts">
        {detail.verdicts.map((v, i) => (
          <li key={i}>
            {v.stage}/{v.scanner}: {v.outcome}
            {v.reasons.length > 0 ? ` (${v.reasons.join('; ')})` : ''}
          </li>
        ))}
      </ul>
      {pending && (
        <div className="actions">
          <input className="input toolbar-grow" placeholder="Reason (required to edit or reject): the requester and the auditors read it" value={reason} onChange={(event) => setReason(event.target.value)} aria-label="Reason" data-testid="review-reason" />
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void decide(edited ? 'edit' : 'approve')} data-testid="review-approve">
            {edited ? 'Release edited answer' : 'Approve'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void decide('reject')} data-testid="review-reject">
            Reject
          </button>
        </div>
      )}
    </section>
  );
}
