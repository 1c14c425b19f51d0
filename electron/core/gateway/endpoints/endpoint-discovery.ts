import { createHash, randomUUID } from 'node:crypto';
import type { Model } from '../../contract/schemas.js';
import type { ModelsRepo, StoredModel } from '../../models/models.repo.js';
import type { RemoteClient, RemoteModelInfo } from '../remote/remote-client.js';
import type { StoredEndpoint } from './endpoints.repo.js';

export interface DiscoveryResult {
  added: Model[];
  known: string[];
  gone: string[];
}

/**
 * `GET /v1/models` → library entries named `ENDPOINT/MODEL`. A new entry starts pending, exactly like an imported
 * file, so the approval gate decides where it may run. Entries the endpoint no longer lists are reported, not
 * removed: an approval decision and its history are not dropped because a server restarted without a model.
 * A removed entry the endpoint lists again is restored with its id and history (like re-importing the same file).
 */
export async function discoverModels(endpoint: StoredEndpoint, client: RemoteClient, repo: ModelsRepo, actor: string): Promise<DiscoveryResult> {
  const listed = await client.models();
  const mine = repo.byEndpoint(endpoint.id);
  const result: DiscoveryResult = { added: [], known: [], gone: [] };
  for (const info of listed) {
    const existing = mine.find((m) => m.remote?.modelId === info.id);
    if (existing && !existing.removedAt) {
      result.known.push(existing.name);
      continue;
    }
    if (existing) {
      repo.decide(existing.id, { removedAt: null, name: freeName(repo, `${endpoint.name}/${info.id}`) }, { action: 'restored', actor, reason: `listed again by endpoint ${endpoint.name}` });
      result.added.push(publicModel(repo.byId(existing.id)!));
      continue;
    }
    const model = remoteEntry(endpoint, info, freeName(repo, `${endpoint.name}/${info.id}`));
    repo.insert({ ...model, metadataJson: JSON.stringify({ remote: { endpoint: endpoint.name, baseUrl: endpoint.baseUrl, ownedBy: info.ownedBy } }) }, [
      { action: 'imported', actor, reason: `discovered on endpoint ${endpoint.name}` },
    ]);
    result.added.push(publicModel(repo.byId(model.id)!));
  }
  const listedIds = new Set(listed.map((m) => m.id));
  for (const model of mine) if (!model.removedAt && !listedIds.has(model.remote?.modelId ?? '')) result.gone.push(model.name);
  return result;
}

function remoteEntry(endpoint: StoredEndpoint, info: RemoteModelInfo, name: string): StoredModel {
  return {
    id: randomUUID(), name,
    // No file: the path is empty and the "SHA-256" is a synthetic identity (unique per endpoint and model id), so
    // the library's uniqueness holds; nothing hashes or opens either for a remote model.
    path: '', sha256: `remote:${createHash('sha256').update(`${endpoint.id}\u0000${info.id}`).digest('hex')}`,
    sizeBytes: info.sizeBytes ?? 0, fileMtimeMs: 0,
    architecture: null, parameterCount: info.parameterCount, quantization: null, contextLength: info.contextLength,
    embeddingLength: info.embeddingLength, chatTemplate: null, license: null, metadataName: info.id, vocabOnly: false,
    role: /embed/i.test(info.id) ? 'embedding' : 'chat', approval: 'pending', retiredAt: null, source: 'discovered',
    createdAt: new Date().toISOString(), removedAt: null, remote: { endpointId: endpoint.id, modelId: info.id },
  };
}

function freeName(repo: ModelsRepo, base: string): string {
  let name = base;
  for (let n = 2; repo.byName(name); n++) name = `${base}-${n}`;
  return name;
}

const publicModel = ({ fileMtimeMs: _mtime, removedAt: _removed, ...model }: StoredModel): Model => model;
