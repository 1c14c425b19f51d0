import { randomUUID } from 'node:crypto';
import { assertMayChoose } from '../../models/approval-gate.js';
import { AppError } from '../../contract/errors.js';
import { CollectionSettings, type Collection, type CollectionSettingsPatch } from '../../contract/rag.api.js';
import type { ModelsService } from '../../models/models.service.js';
import { CollectionsRepo, type CollectionRow, type IndexRow } from './collections.repo.js';

/** Settings whose change means the stored chunks or vectors no longer match: a new index must be built. */
export function needsReindex(before: CollectionSettings, after: CollectionSettings): boolean {
  return before.embeddingModel !== after.embeddingModel || before.quantization !== after.quantization
    || JSON.stringify(before.chunking) !== JSON.stringify(after.chunking);
}

/** Collections with versioned settings: every change is a new version with its author; nothing is overwritten. */
export class CollectionsService {
  constructor(readonly repo: CollectionsRepo, private readonly models: ModelsService) {}

  create(name: string, patch: CollectionSettingsPatch | undefined, user: string): CollectionRow {
    if (this.repo.byRef(name)) throw new AppError('COLLECTION_EXISTS', `A collection named "${name}" already exists; choose another name`);
    const settings = this.resolveModels(merge(CollectionSettings.parse({}), patch), null);
    const id = randomUUID();
    this.repo.insert({ id, name, settings_version: 1, active_index_id: null, created_by: user, created_at: new Date().toISOString() });
    this.repo.addSettingsVersion(id, 1, settings, user);
    const indexId = this.repo.createIndex(id, settings.embeddingModel, settings.quantization, 'active');
    this.repo.activate(id, indexId);
    return this.row(id);
  }

  /** `aclSets`: what the caller may read; counts cover only that. */
  list(aclSets: number[]): Collection[] {
    return this.repo.all().map((row) => this.toCollection(row, aclSets));
  }

  get(ref: string, aclSets: number[]): Collection {
    return this.toCollection(this.row(ref), aclSets);
  }

  row(ref: string): CollectionRow {
    const row = this.repo.byRef(ref);
    if (!row) throw new AppError('COLLECTION_NOT_FOUND', `No collection "${ref}"; create it with \`enclave collections create ${ref}\``);
    return row;
  }

  settings(ref: string): CollectionSettings {
    const row = this.row(ref);
    return this.repo.settings(row.id, row.settings_version);
  }

  /** Saves a new settings version; returns whether the index must be rebuilt. */
  update(ref: string, patch: CollectionSettingsPatch, user: string): { collection: CollectionRow; reindex: boolean } {
    const row = this.row(ref);
    const before = this.repo.settings(row.id, row.settings_version);
    const after = this.resolveModels(merge(before, patch), before);
    this.repo.addSettingsVersion(row.id, row.settings_version + 1, after, user);
    return { collection: this.row(row.id), reindex: needsReindex(before, after) };
  }

  activeIndex(ref: string): IndexRow {
    const row = this.row(ref);
    if (row.active_index_id === null) throw new AppError('INTERNAL', `Collection ${row.name} has no index`);
    return this.repo.index(row.active_index_id);
  }

  private toCollection(row: CollectionRow, aclSets: number[]): Collection {
    const counts = this.repo.counts(row.active_index_id, aclSets);
    const building = this.repo.indexes(row.id).some((i) => i.status === 'building');
    return {
      id: row.id,
      name: row.name,
      settingsVersion: row.settings_version,
      settings: this.repo.settings(row.id, row.settings_version),
      documentCount: counts.documents,
      chunkCount: counts.chunks,
      indexStatus: building ? 'building' : 'active',
      vectorQuality: row.active_index_id === null ? null : this.repo.index(row.active_index_id).vector_quality,
      createdAt: row.created_at,
    };
  }

  /**
   * Models are stored by id so a rename does not break a collection; the embedding model must be able to embed.
   * A newly chosen model must be approved and in service (production runs it); one kept from `before` is not
   * re-judged, so changing other settings still works after a model was rejected.
   */
  private resolveModels(settings: CollectionSettings, before: CollectionSettings | null): CollectionSettings {
    const embedding = settings.embeddingModel === null ? null : this.models.get(settings.embeddingModel);
    if (embedding && embedding.vocabOnly) {
      throw new AppError('MODEL_WRONG_ROLE', `"${embedding.name}" is a vocabulary-only GGUF and cannot embed; choose a full embedding model`);
    }
    if (embedding && embedding.id !== before?.embeddingModel) assertMayChoose(embedding, 'the embedding model of a collection');
    const answer = settings.answer.model === null ? null : this.models.get(settings.answer.model);
    if (answer && answer.id !== before?.answer.model) assertMayChoose(answer, 'the answer model of a collection');
    return { ...settings, embeddingModel: embedding?.id ?? null, answer: { ...settings.answer, model: answer?.id ?? null } };
  }
}

function merge(base: CollectionSettings, patch: CollectionSettingsPatch | undefined): CollectionSettings {
  if (!patch) return base;
  return CollectionSettings.parse({
    embeddingModel: patch.embeddingModel === undefined ? base.embeddingModel : patch.embeddingModel,
    chunking: { ...base.chunking, ...patch.chunking },
    retrieval: { ...base.retrieval, ...patch.retrieval },
    quantization: patch.quantization ?? base.quantization,
    guard: patch.guard ?? base.guard,
    answer: { ...base.answer, ...patch.answer },
    injection: { ...base.injection, ...patch.injection },
  });
}
