import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Model, Output } from '../../api/contract.types.js';

type ModelEvent = Output<'models.history'>[number];
import { ErrorMessage } from '../shell/ErrorMessage.js';
import { ModelCardLink } from '../compliance/ModelCardLink.js';
import { formatBytes, formatCount, orDash } from './model-format.js';

interface ModelInspectorProps {
  /** The list's copy, shown at once; models.get then brings the current record. */
  model: Model;
  onClose: () => void;
}

export function ModelInspector({ model, onClose }: ModelInspectorProps) {
  const [fresh, setFresh] = useState<Model | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [history, setHistory] = useState<ModelEvent[]>([]);
  const [usage, setUsage] = useState<string[]>([]);

  // Refetched whenever the list's copy changes (a rename, a new approval), so the panel never shows stale fields.
  useEffect(() => {
    let live = true;
    setFresh(null);
    setError(null);
    call('models.get', { ref: model.id }).then(
      (value) => live && setFresh(value),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    // Who decided what and why, and what depends on the model: what an approver weighs before deciding.
    void Promise.all([call('models.history', { ref: model.id }), call('models.usage', { ref: model.id })]).then(
      ([events, used]) => live && (setHistory(events), setUsage(used.dependants.map((d) => d.label))),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [model]);

  const shown = fresh ?? model;
  const fields: [string, string][] = [
    ['Name', shown.name],
    ['ID', shown.id],
    // A remote model has no file and no SHA-256: its endpoint serves it.
    ...(shown.remote
      ? ([['Served by', `endpoint ${shown.name.split('/')[0]} as "${shown.remote.modelId}"`]] as [string, string][])
      : ([['Path', shown.path], ['SHA-256', shown.sha256]] as [string, string][])),
    ['Size', `${formatBytes(shown.sizeBytes)} (${shown.sizeBytes.toLocaleString('en-US')} bytes)`],
    ['Role', shown.role],
    ['Approval', shown.retiredAt ? `${shown.approval}, retired ${new Date(shown.retiredAt).toLocaleString()}` : shown.approval],
    ['Used by', usage.length === 0 ? 'nothing' : usage.join('; ')],
    ['Source', shown.remote ? 'remote endpoint (discovered)' : shown.source],
    ['Imported', new Date(shown.createdAt).toLocaleString()],
    ['Name in metadata', orDash(shown.metadataName)],
    ['Architecture', orDash(shown.architecture)],
    ['Parameters', formatCount(shown.parameterCount)],
    ['Quantization', orDash(shown.quantization)],
    ['Context length', formatCount(shown.contextLength)],
    ['Embedding size', formatCount(shown.embeddingLength)],
    ['Vocabulary only', shown.vocabOnly ? 'yes (no weights: cannot generate)' : 'no'],
  ];

  return (
    <aside className="inspector" aria-label={`Details of ${shown.name}`} data-testid="model-inspector">
      <div className="inspector-header">
        <h2 className="inspector-title">{shown.name}</h2>
        <button type="button" className="button button-small" onClick={onClose} data-testid="model-inspector-close">
          Close
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      <dl className="fields">
        {fields.map(([label, value]) => (
          <div key={label} className="field">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ModelCardLink modelId={shown.id} />
      <h3 className="inspector-subtitle">History</h3>
      <ol className="model-history" data-testid="model-history">
        {history.map((event, i) => (
          <li key={i} data-action={event.action}>
            {new Date(event.at).toLocaleString()} · {event.action} by {event.actor}
            {event.reason ? `: ${event.reason}` : ''}
          </li>
        ))}
      </ol>
      <div className="inspector-texts">
        <div className="stacked">
          <h3 className="inspector-subtitle">Chat template</h3>
          <pre className="code-block" data-testid="model-chat-template">
            {shown.chatTemplate ?? 'None in the file: prompts are sent as plain text.'}
          </pre>
        </div>
        <div className="stacked">
          <h3 className="inspector-subtitle">Licence</h3>
          <pre className="code-block" data-testid="model-license">
            {shown.license ?? 'None stated in the file. Check the licence before approving this model.'}
          </pre>
        </div>
      </div>
    </aside>
  );
}
