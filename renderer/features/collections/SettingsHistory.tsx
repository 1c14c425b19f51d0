import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Collection, CollectionSettings, Output } from '../../api/contract.types.js';
import { useModels } from '../models/models.store.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

type Version = Output<'rag.collections.history'>[number];

/** Every saved version of a collection's settings, newest first. */
export function SettingsHistory({ collection }: { collection: Collection }) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const models = useModels((state) => state.models);
  const modelName = (id: string | null) => (id === null ? 'none' : (models.find((m) => m.id === id)?.name ?? id));

  useEffect(() => {
    let live = true;
    setError(null);
    call('rag.collections.history', { collection: collection.id }).then(
      (value) => live && setVersions([...value].sort((a, b) => b.version - a.version)),
      (failure: unknown) => live && setError(toClientError(failure)),
    );
    return () => {
      live = false;
    };
  }, [collection.id, collection.settingsVersion]);

  return (
    <details className="settings-history">
      <summary className="panel-label" data-testid="collection-history-toggle">
        Version history{versions ? ` (${versions.length})` : ''}
      </summary>
      {error && <ErrorMessage error={error} />}
      <ol className="history-list" data-testid="collection-history">
        {versions?.map((version) => (
          <li key={version.version} className="history-item" data-testid="collection-history-item">
            <span className="history-version">v{version.version}</span>
            <span className="history-meta">
              {new Date(version.createdAt).toLocaleString()} · {version.changedBy}
            </span>
            <span className="history-summary">{summary(version.settings, modelName)}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

function summary(settings: CollectionSettings, modelName: (id: string | null) => string): string {
  const { chunking, retrieval, answer } = settings;
  return [
    `embedding ${modelName(settings.embeddingModel)}`,
    `${chunking.strategy} ${chunking.chunkTokens}/${chunking.overlapTokens} tokens`,
    `${retrieval.mode} k=${retrieval.k}`,
    settings.quantization === 'none' ? '' : `${settings.quantization} vectors`,
    `answer ${modelName(answer.model)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
