import { useEffect, useRef } from 'react';
import { ActivityPanel } from './ActivityPanel.js';
import { useActivity } from './activity.store.js';

const PANEL_ID = 'activity-panel';

/** The header's "Activity" button: how many of my jobs are running, and the panel that lists them. */
export function ActivityButton() {
  const running = useActivity((state) => state.jobs.filter((job) => job.state === 'running').length);
  const open = useActivity((state) => state.open);
  const setOpen = useActivity((state) => state.setOpen);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  return (
    <span className="activity">
      <button
        ref={button}
        type="button"
        className={running > 0 ? 'button button-small activity-button activity-busy' : 'button button-small activity-button'}
        aria-expanded={open}
        aria-controls={open ? PANEL_ID : undefined}
        data-testid="activity-button"
        onClick={() => setOpen(!open)}
      >
        Activity
        <span className="activity-count" data-testid="activity-count">{running}</span>
        {/* Read aloud as "Activity 2 running jobs"; the name keeps the visible text, as screen-reader users hear it. */}
        <span className="visually-hidden"> running job{running === 1 ? '' : 's'}</span>
      </button>
      {open && <ActivityPanel id={PANEL_ID} onClose={() => { setOpen(false); button.current?.focus(); }} />}
    </span>
  );
}
