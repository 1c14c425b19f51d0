import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { AbTestActions, type AbActionOutcome } from './AbTestActions.js';
import { AbTestCard } from './AbTestCard.js';
import { AbTestForm } from './AbTestForm.js';
import type { AbTest } from './ab-format.js';
import { usePrompts, type PromptDetail } from './prompts.store.js';

/**
 * The prompt's A/B tests: the split, per-arm outcomes and Welch's t-test on the monitored metric. Holders of
 * `prompts.manage` also start a test and promote or roll back the running one; everyone else reads.
 */
export function AbTestsPanel({ detail }: { detail: PromptDetail }) {
  const { name: prompt, labels } = detail.prompt;
  const revision = usePrompts((state) => state.revision);
  const me = useAuth((state) => state.me);
  const canManage = holds(me, 'prompts.manage');
  const [tests, setTests] = useState<AbTest[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [creating, setCreating] = useState(false);
  /** The last action's result, under the card it was about. */
  const [last, setLast] = useState<{ testId: string; outcome: AbActionOutcome } | null>(null);

  useEffect(() => {
    let live = true;
    call('prompts.ab.list', { prompt }).then(
      (value) => live && (setTests(value), setError(null)),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [prompt, revision]);

  if (error) return <ErrorMessage error={error} testId="prompts-ab-error" />;
  if (!tests) return <p className="hint">Loading A/B tests…</p>;
  const running = tests.find((t) => t.status === 'running');

  const started = (created?: AbTest) => {
    setCreating(false);
    if (created) setLast({ testId: created.id, outcome: { done: `Started: ${created.candidatePercent}% of subjects now get ${created.candidateLabel}.` } });
  };

  return (
    <div className="ab-panel">
      {canManage && !creating && (
        <div className="toolbar ab-toolbar">
          <button type="button" className="button button-primary" disabled={running !== undefined} onClick={() => (setCreating(true), setLast(null))} data-testid="prompts-ab-new">
            New A/B test
          </button>
          {running && <span className="hint">One test at a time: promote or roll back “{running.name}” to start another.</span>}
        </div>
      )}
      {creating && <AbTestForm prompt={prompt} labels={labels} onDone={started} />}
      {tests.length === 0 ? (
        <p className="empty" data-testid="prompts-ab-empty">
          No A/B tests for {prompt}. A test splits callers of a label between two versions and records their outcomes
          {canManage ? '; start one with New A/B test (or `enclave prompts ab create`).' : ' (someone who manages prompts starts one).'}
        </p>
      ) : (
        <div className="ab-tests" data-testid="prompts-ab-tests">
          {tests.map((test) => {
            const outcome = last?.testId === test.id ? last.outcome : null;
            return (
              <AbTestCard key={test.id} test={test}>
                {canManage && test.status === 'running' && (
                  <AbTestActions test={test} labels={labels} onOutcome={(next) => setLast(next ? { testId: test.id, outcome: next } : null)} />
                )}
                {outcome?.error && <ErrorMessage error={outcome.error} onDismiss={() => setLast(null)} testId="prompts-ab-action-error" />}
                {outcome?.done && (
                  <p className="hint ab-done" role="status" data-testid="prompts-ab-done">
                    {outcome.done}
                  </p>
                )}
              </AbTestCard>
            );
          })}
        </div>
      )}
    </div>
  );
}
