import { useEffect, useState } from 'react';
import { formatDuration, remainingMs } from './eta.js';
import { kindLabel } from './job-kinds.js';
import { type ActivityJob, ordered, useActivity } from './activity.store.js';

const STATE_LABELS: Record<ActivityJob['state'], string> = { running: 'Running', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

/** Re-renders every second while something runs, so elapsed time and ETA move. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return ticking ? now : Date.now();
}

/** The signed-in user's running and recent jobs: progress, time, cancel, and how each ended. */
export function ActivityPanel({ id, onClose }: { id: string; onClose(): void }) {
  const jobs = useActivity((state) => state.jobs);
  const error = useActivity((state) => state.error);
  const shown = ordered(jobs);
  const now = useNow(shown.some((job) => job.state === 'running'));

  return (
    <section id={id} className="activity-panel" role="region" aria-labelledby={`${id}-title`} data-testid="activity-panel">
      <div className="activity-panel-header">
        <h2 id={`${id}-title`} className="activity-panel-title">Activity</h2>
        <button type="button" className="button button-small" onClick={onClose} data-testid="activity-close">Close</button>
      </div>
      {error && <p className="activity-error" role="alert" data-testid="activity-error">{error}</p>}
      {shown.length === 0 ? (
        <p className="activity-empty" data-testid="activity-empty">No jobs yet. Ingestions, imports, eval runs and answers show up here while they run.</p>
      ) : (
        <ul className="activity-list">
          {shown.map((job) => <ActivityRow key={job.id} job={job} now={now} />)}
        </ul>
      )}
    </section>
  );
}

function ActivityRow({ job, now }: { job: ActivityJob; now: number }) {
  const cancelling = useActivity((state) => state.cancelling.includes(job.id));
  const cancel = useActivity((state) => state.cancel);
  const started = Date.parse(job.startedAt);
  const elapsed = (job.endedAt ? Date.parse(job.endedAt) : now) - started;
  const running = job.state === 'running';
  const eta = running ? remainingMs(job.progress, elapsed) : null;
  const label = kindLabel(job.kind);
  const percent = job.progress === null ? null : Math.round(job.progress * 100);

  return (
    <li className={`activity-item activity-${job.state}`} data-testid="activity-job" data-job-id={job.id} data-state={job.state} data-kind={job.kind}>
      <div className="activity-item-head">
        <span className="activity-kind">{label}</span>
        <span className={`activity-state activity-state-${job.state}`} data-testid="activity-state">
          {cancelling && running ? 'Cancelling…' : STATE_LABELS[job.state]}
        </span>
        <span className="activity-time" data-testid="activity-time">
          {Number.isFinite(elapsed) ? formatDuration(elapsed) : ''}
          {eta !== null && <span data-testid="activity-eta"> · about {formatDuration(eta)} left</span>}
        </span>
      </div>
      {running && (
        <div className="activity-progress-line">
          <progress
            className="activity-progress"
            aria-label={`${label} progress`}
            {...(job.progress === null ? {} : { value: job.progress, max: 1 })}
            data-testid="activity-progress"
          />
          <span className="activity-percent">{percent === null ? 'starting…' : `${percent}%`}</span>
          <button type="button" className="button button-small button-danger" disabled={cancelling} onClick={() => void cancel(job.id)} aria-label={`Cancel ${label.toLowerCase()}`} data-testid="activity-cancel">
            Cancel
          </button>
        </div>
      )}
      {running && job.message && <div className="activity-message" title={job.message} data-testid="activity-message">{job.message}</div>}
      {job.state === 'succeeded' && job.summary && <div className="activity-message" data-testid="activity-summary">{job.summary}</div>}
      {job.state === 'cancelled' && (
        <div className="activity-message" data-testid="activity-stopped">
          {percent === null ? 'Stopped before any progress' : `Stopped at ${percent}%`}{job.message ? ` · ${job.message}` : ''}
        </div>
      )}
      {job.state === 'failed' && (
        <div className="activity-message activity-failure" data-testid="activity-failure">
          {job.error ? `${job.error.code}: ${job.error.message}` : 'Failed; the screen that started it has the details.'}
        </div>
      )}
    </li>
  );
}
