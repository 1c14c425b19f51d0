import { useEffect } from 'react';
import { subscribe } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { ReviewItemPanel } from './ReviewItemPanel.js';
import { formatAge, useReview, type QueueFilter } from './review.store.js';

/** The review queue: held answers, oldest first, with their age; one opens beside the list with its evidence. */
export function ReviewScreen() {
  const { filter, items, loading, selected, error } = useReview();
  const { load, open, dismissError } = useReview.getState();

  useEffect(() => {
    void load();
    // A new held answer or another reviewer's decision refreshes the list.
    return subscribe((event) => {
      if (event.topic === 'review.queued' || event.topic === 'review.decided') void useReview.getState().load();
    });
  }, [load]);

  return (
    <section className="screen" aria-labelledby="review-title">
      <div className="screen-header">
        <h1 id="review-title" className="screen-title">
          Review
        </h1>
        <span className="screen-subtitle">Answers held for a person: read the evidence, then release, edit (with a reason) or reject</span>
      </div>
      <div className="toolbar">
        <label className="param">
          <span className="param-label">Show</span>
          <select className="select select-small" value={filter} onChange={(event) => void load(event.target.value as QueueFilter)} data-testid="review-filter">
            <option value="pending">waiting for review</option>
            <option value="decided">decided</option>
            <option value="all">all</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => void load()} data-testid="review-refresh">
          Refresh
        </button>
      </div>
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="review-error" />}
      <div className="table-scroll">
        <table className="table" data-testid="review-table">
          <thead>
            <tr>
              <th>Waiting</th>
              <th>Status</th>
              <th>Requester</th>
              <th>Collection</th>
              <th>Why held</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className={item.id === selected?.id ? 'row-selected row-clickable' : 'row-clickable'} onClick={() => void open(item.id)} data-testid="review-row" data-id={item.id}>
                <td title={item.createdAt}>{formatAge(item.ageSeconds)}</td>
                <td>{item.status}</td>
                <td>{item.requester}</td>
                <td>{item.collection ?? '—'}</td>
                <td>{item.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && items.length === 0 && (
          <p className="hint" data-testid="review-empty">
            {filter === 'pending' ? 'Nothing waits for review.' : 'No decided items yet.'}
          </p>
        )}
      </div>
      {selected && <ReviewItemPanel detail={selected} />}
    </section>
  );
}
