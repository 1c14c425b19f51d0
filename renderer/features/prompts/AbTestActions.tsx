import { useState, type FormEvent } from 'react';
import type { ClientError } from '../../api/client.js';
import { describePromotion, type AbTest } from './ab-format.js';
import { usePrompts, type LabelInfo, type Outcome } from './prompts.store.js';

/** What the last action on a test did, shown under its card (the card outlives the action's own controls). */
export type AbActionOutcome = { error: ClientError; done?: undefined } | { done: string; error?: undefined };

interface AbTestActionsProps {
  test: AbTest;
  labels: readonly LabelInfo[];
  onOutcome: (outcome: AbActionOutcome | null) => void;
}

/** Promote or roll back a running test, each behind a confirmation that says what it does. */
export function AbTestActions({ test, labels, onOutcome }: AbTestActionsProps) {
  const promote = usePrompts((state) => state.abPromote);
  const rollback = usePrompts((state) => state.abRollback);
  const [mode, setMode] = useState<'promote' | 'rollback' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const control = labels.find((l) => l.label === test.controlLabel);
  const controlVersion = test.arms.find((a) => a.arm === 'control')?.version ?? '?';

  async function act(run: () => Promise<Outcome<AbTest>>, describe: (ended: AbTest) => string) {
    setBusy(true);
    onOutcome(null);
    const outcome = await run();
    setBusy(false);
    if (!outcome.ok) return onOutcome({ error: outcome.error });
    setMode(null);
    onOutcome({ done: describe(outcome.value) });
  }

  const confirmPromote = () =>
    void act(
      () => promote(test.id),
      (ended) => `Promoted: ${ended.controlLabel} now points at ${String(ended.decision?.version ?? ended.arms.find((a) => a.arm === 'candidate')?.version)}; the test ended.`,
    );

  const confirmRollback = (event: FormEvent) => {
    event.preventDefault();
    const why = reason.trim();
    void act(
      () => rollback({ testId: test.id, ...(why === '' ? {} : { reason: why }) }),
      (ended) => `Rolled back: every subject gets ${ended.controlLabel} (${controlVersion}) again; no label moved.`,
    );
  };

  if (mode === 'promote') {
    return (
      <div className="ab-confirm" data-testid="prompts-ab-promote-box">
        <p className="ab-confirm-text">Promote the candidate: {describePromotion(test)}</p>
        {control?.protected && (
          <p className="hint hint-warn" data-testid="prompts-ab-protected-note">
            {control.label} is protected: it moves only to a version with a passing gate run, by a prompt approver. Without one the core refuses (GATE_REQUIRED or
            LABEL_PROTECTED) and the test keeps running.
          </p>
        )}
        <div className="actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={confirmPromote} data-testid="prompts-ab-promote-confirm">
            {busy ? 'Promoting…' : `Move ${test.controlLabel} and end the test`}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setMode(null)}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  if (mode === 'rollback') {
    return (
      <form className="ab-confirm" onSubmit={confirmRollback} aria-label={`Roll back ${test.name}`} data-testid="prompts-ab-rollback-box">
        <p className="ab-confirm-text">
          Roll back: the test ends and every subject gets {test.controlLabel} ({controlVersion}) again. No label moves.
        </p>
        <div className="toolbar ab-confirm-row">
          <label className="param ab-reason">
            <span className="param-label">Reason (optional, kept with the decision)</span>
            <input className="input" value={reason} maxLength={500} placeholder="e.g. candidate answers run too long" onChange={(e) => setReason(e.target.value)} data-testid="prompts-ab-rollback-reason" />
          </label>
          <button type="submit" className="button button-danger" disabled={busy} data-testid="prompts-ab-rollback-confirm">
            {busy ? 'Rolling back…' : 'Roll back'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setMode(null)}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="actions ab-actions">
      <button
        type="button"
        className="button"
        onClick={() => setMode('promote')}
        title={`Move ${test.controlLabel} to the candidate's version and end the test (a protected label needs a passing gate run)`}
        data-testid="prompts-ab-promote"
      >
        Promote candidate…
      </button>
      <button type="button" className="button" onClick={() => setMode('rollback')} title={`End the test; everyone gets ${test.controlLabel} again`} data-testid="prompts-ab-rollback">
        Roll back…
      </button>
    </div>
  );
}
