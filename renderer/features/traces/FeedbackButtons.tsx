import { useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

interface FeedbackButtonsProps {
  traceId: string;
  /** Called after the rating is recorded (a list can show it). */
  onRecorded?: (rating: 'up' | 'down') => void;
}

/**
 * Thumbs up or down on any answer or run, with an optional comment and corrected answer: the rating joins the trace
 * and the dashboard; a corrected thumbs-down can become a golden dataset case.
 */
export function FeedbackButtons({ traceId, onRecorded }: FeedbackButtonsProps) {
  const [rating, setRating] = useState<'up' | 'down' | null>(null);
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [correction, setCorrection] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  async function send(value: 'up' | 'down', withText: boolean): Promise<void> {
    setError(null);
    try {
      await call('traces.feedback', { traceId, rating: value, ...(withText && comment.trim() ? { comment } : {}), ...(withText && correction.trim() ? { correction } : {}) });
      setSaved(value === 'up' ? 'Thanks: marked helpful' : withText ? 'Thanks: your comment and correction are on the trace' : 'Thanks: marked unhelpful');
      setOpen(false);
      onRecorded?.(value);
    } catch (e) {
      setError(toClientError(e));
    }
  }

  return (
    <div className="feedback" data-testid="feedback">
      <button type="button" className={rating === 'up' ? 'button feedback-on' : 'button'} aria-label="Thumbs up" data-testid="feedback-up"
        onClick={() => { setRating('up'); void send('up', false); }}>▲ Good</button>
      <button type="button" className={rating === 'down' ? 'button feedback-on' : 'button'} aria-label="Thumbs down" data-testid="feedback-down"
        onClick={() => { setRating('down'); setOpen(true); }}>▼ Bad</button>
      {saved && <span className="feedback-saved" data-testid="feedback-saved">{saved}</span>}
      {open && (
        <form className="feedback-form" onSubmit={(e) => { e.preventDefault(); void send('down', true); }}>
          <label className="panel-label" htmlFor={`fb-comment-${traceId}`}>What was wrong? (optional)</label>
          <input id={`fb-comment-${traceId}`} className="input" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="feedback-comment" />
          <label className="panel-label" htmlFor={`fb-correction-${traceId}`}>Corrected answer (optional)</label>
          <textarea id={`fb-correction-${traceId}`} className="textarea" value={correction} onChange={(e) => setCorrection(e.target.value)} data-testid="feedback-correction" />
          <div className="toolbar">
            <button type="submit" className="button button-primary" data-testid="feedback-send">Send</button>
            <button type="button" className="button" onClick={() => setOpen(false)}>Cancel</button>
          </div>
        </form>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
