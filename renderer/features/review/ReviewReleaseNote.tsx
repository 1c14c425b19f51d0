import { useEffect, useState } from 'react';
import { call, subscribe } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';

type ReviewResult = Output<'review.result'>;

/**
 * On the Ask screen, for an answer held for review: says it awaits a reviewer, then shows what was released (or
 * that it was not) as soon as the decision arrives (the `review.decided` event, or the state when opened).
 */
export function ReviewReleaseNote({ reviewId, reasons }: { reviewId: string; reasons: string[] }) {
  const [result, setResult] = useState<ReviewResult | null>(null);
  useEffect(() => {
    let live = true;
    const fetchResult = () => void call('review.result', { reviewId }).then((r) => live && setResult(r)).catch(() => undefined);
    fetchResult();
    const stop = subscribe((event) => {
      if (event.topic === 'review.decided' && event.data.reviewId === reviewId) fetchResult();
    });
    return () => {
      live = false;
      stop();
    };
  }, [reviewId]);

  if (!result || result.status === 'pending') {
    return (
      <p className="hint hint-warn" data-testid="ask-awaiting-review" data-review-id={reviewId}>
        Awaiting review: a reviewer must release this answer before you can read it ({reasons.join('; ')}).
      </p>
    );
  }
  if (result.text === null) {
    return (
      <p className="hint hint-warn" data-testid="ask-review-rejected">
        A reviewer did not release this answer{result.reason ? `: ${result.reason}` : '.'}
      </p>
    );
  }
  return (
    <div className="panel" data-testid="ask-review-released" data-status={result.status}>
      <span className="panel-label">{result.status === 'edited' ? `Released by a reviewer, edited (${result.reason ?? ''})` : 'Released by a reviewer'}</span>
      <p>{result.text}</p>
    </div>
  );
}
