import type { FormEvent, KeyboardEvent } from 'react';
import { CollectionPicker } from '../collections/CollectionPicker.js';
import { useSelectedCollection } from '../collections/collections.store.js';
import { ModelSelect, useModelName } from '../collections/ModelSelect.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { AnswerText } from './AnswerText.js';
import { RestorePseudonyms } from './RestorePseudonyms.js';
import { CitationsPanel } from './CitationsPanel.js';
import type { AskResult } from '../../api/contract.types.js';
import { isAsking, useAsk, type AskStatus } from './ask.store.js';
import { TraceDetails } from './TraceDetails.js';
import { FeedbackButtons } from '../traces/FeedbackButtons.js';
import { ReviewReleaseNote } from '../review/ReviewReleaseNote.js';

/** The answer's state as it is: how much of it the cited passages support, and what the collection's policy did. */
function doneLine(result: AskResult | null): string {
  if (!result) return 'Done.';
  const { sentences, supported } = result.support;
  const support = `${supported} of ${sentences} sentence${sentences === 1 ? '' : 's'} supported by the passages cited`;
  switch (result.outcome) {
    case 'abstained':
      return 'Abstained: nothing relevant enough was found.';
    case 'answered':
      return `Done. ${support}.`;
    case 'warned':
      return `Done, with a warning: ${support}.`;
    case 'replaced':
      return `Replaced by the abstention text: ${support}.`;
    case 'held':
      return `Held for review: ${support}.`;
  }
}

function statusLine(status: AskStatus, result: AskResult | null): string {
  switch (status) {
    case 'idle':
      return 'The answer appears here as it is written, with its sources.';
    case 'starting':
      return 'Retrieving passages…';
    case 'running':
      return 'Answering…';
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped.';
    case 'failed':
      return 'Failed.';
    case 'done':
      return doneLine(result);
  }
}

export function AskScreen() {
  const collection = useSelectedCollection();
  const form = useAsk((state) => state.form);
  const setField = useAsk((state) => state.setField);
  const status = useAsk((state) => state.status);
  const output = useAsk((state) => state.output);
  const asked = useAsk((state) => state.asked);
  const result = useAsk((state) => state.result);
  const error = useAsk((state) => state.error);
  const activeCitation = useAsk((state) => state.activeCitation);
  const ask = useAsk((state) => state.ask);
  const stop = useAsk((state) => state.stop);
  const showCitation = useAsk((state) => state.showCitation);
  const dismissError = useAsk((state) => state.dismissError);
  const defaultModel = useModelName(collection?.settings.answer.model ?? null);
  const busy = isAsking(status);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    // An empty question still goes to the core, whose message says so.
    if (collection) void ask(collection.id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <section className="screen" aria-labelledby="ask-title">
      <div className="screen-header">
        <h1 id="ask-title" className="screen-title">
          Ask
        </h1>
        <span className="screen-subtitle">Answers from your documents only, with checked citations · Ctrl+Enter asks</span>
      </div>
      <div className="toolbar">
        <CollectionPicker testId="ask-collection" disabled={busy} />
      </div>
      {collection && (
        <form className="panel ask-form" onSubmit={submit}>
          <textarea
            className="textarea ask-question"
            placeholder="e.g. How often must the coolant pump be inspected?"
            aria-label="Question"
            value={form.question}
            disabled={busy}
            onChange={(event) => setField('question', event.target.value)}
            onKeyDown={onKeyDown}
            data-testid="ask-question"
          />
          <div className="actions">
            <label className="param">
              <span className="param-label">Answer model</span>
              <ModelSelect
                value={form.model}
                onChange={(id) => setField('model', id)}
                role="chat"
                noneLabel={`collection default (${defaultModel ?? 'none set'})`}
                ariaLabel="Answer model"
                disabled={busy}
                testId="ask-model"
              />
            </label>
            <label className="param param-narrow">
              <span className="param-label">Passages (k)</span>
              <input
                className="input input-small"
                type="number"
                min="1"
                max="50"
                placeholder={String(collection.settings.retrieval.k)}
                value={form.k}
                disabled={busy}
                onChange={(event) => setField('k', event.target.value)}
                data-testid="ask-k"
              />
            </label>
            <span className="spacer" />
            <button type="submit" className="button button-primary" disabled={busy} data-testid="ask-submit">
              Ask
            </button>
            <button type="button" className="button" disabled={!busy || status === 'stopping'} onClick={() => void stop()} data-testid="ask-stop">
              Stop
            </button>
          </div>
        </form>
      )}
      {error && <ErrorMessage error={error} onDismiss={dismissError} testId="ask-error" />}
      {status !== 'idle' && (
        <div className="ask-results">
          <section className="panel answer-panel" aria-label="Answer">
            <div className="panel-header">
              <span className="panel-label">Answer</span>
              <span
                className={`run-status run-status-${status}${result && result.outcome !== 'answered' && result.outcome !== 'abstained' ? ' run-status-warn' : ''}`}
                data-testid="ask-status"
                data-status={status}
                data-outcome={result?.outcome}
              >
                {statusLine(status, result)}
              </span>
            </div>
            {result && result.context.dropped > 0 && (
              <p className="hint" data-testid="ask-context-note">
                {result.context.used} of {result.context.retrieved} passages fit the answer model's context ({result.context.budgetTokens} tokens for the
                prompt); the {result.context.dropped} lowest-ranked were left out.
              </p>
            )}
            {result?.abstained && (
              <p className="abstained" data-testid="ask-abstained">
                The documents you may see do not answer this question, so no answer was made up.
              </p>
            )}
            <AnswerText text={output} result={result} activeCitation={activeCitation} onCitation={showCitation} streaming={status === 'running' || status === 'starting'} />
            {result && result.unsupported.length > 0 && (
              <p className="hint hint-warn" data-testid="ask-unsupported-note">
                {result.unsupported.length} sentence{result.unsupported.length === 1 ? ' lacks' : 's lack'} support in the passages (underlined; the
                reasons are listed with the citations).
              </p>
            )}
            {result?.outcome === 'held' && result.review && <ReviewReleaseNote reviewId={result.review.id} reasons={result.review.reasons} />}
            {result && <RestorePseudonyms traceId={result.traceId} text={result.answer} />}
            {result && <TraceDetails traceId={result.traceId} promptTokens={result.promptTokens} completionTokens={result.completionTokens} />}
            {result && <FeedbackButtons key={result.traceId} traceId={result.traceId} />}
          </section>
          {result && <CitationsPanel result={result} question={asked} activeCitation={activeCitation} onCitation={showCitation} />}
        </div>
      )}
    </section>
  );
}
