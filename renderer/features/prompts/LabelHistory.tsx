import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { formatTime } from './prompt-time.js';
import { usePrompts } from './prompts.store.js';

type Move = Output<'prompts.history'>[number];

/** Every label move of the prompt, newest first: set, rollback, promote, protect. */
export function LabelHistory({ prompt }: { prompt: string }) {
  const revision = usePrompts((state) => state.revision);
  const [moves, setMoves] = useState<Move[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    let live = true;
    call('prompts.history', { prompt }).then(
      (value) => live && (setMoves(value), setError(null)),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [prompt, revision]);

  if (error) return <ErrorMessage error={error} />;
  if (!moves || moves.length === 0) return null;
  return (
    <details className="label-history" open>
      <summary className="panel-label">Label history ({moves.length})</summary>
      <ol className="history-list" data-testid="prompts-label-history">
        {moves.map((move, index) => (
          <li key={index} className="history-item" data-testid="prompts-label-history-item" data-action={move.action}>
            <span className="history-version">{move.label}</span>
            <span>
              <span className={`move-action move-action-${move.action}`}>{move.action}</span> {move.from ?? '—'} → {move.to}
              {move.gateRunId && <span className="muted"> · gate {move.gateRunId}</span>}
            </span>
            <span className="history-meta">
              {formatTime(move.createdAt)} · {move.movedBy || '—'}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
