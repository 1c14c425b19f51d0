import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { inspectGguf, type GgufSummary } from '../../../native/llama/gguf-inspect.js';
import { AppError } from '../contract/errors.js';
import type { Model, ModelRole } from '../contract/schemas.js';
import type { JobControl } from '../jobs/job-runner.js';
import { sha256File } from './file-hash.js';
import type { ModelDependant, ModelEvent } from '../contract/models.api.js';
import { ModelsRepo, type StoredModel } from './models.repo.js';
import type { ModelUsageRepo } from './model-usage.repo.js';

/** Architectures llama.cpp runs as encoders: they embed, they do not chat. */
const EMBEDDING_ARCHITECTURES = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3', 'modern-bert', 't5encoder', 'neo-bert']);

export interface ImportRequest {
  path: string;
  name?: string | undefined;
  role?: ModelRole | undefined;
  source?: Model['source'];
  /** Who imports: the entry's history names them. */
  actor?: string;
  /** Approve in the same step (the caller's permission was checked by the handler). */
  approve?: { reason: string | null } | undefined;
}

export interface ScanResult {
  /** The folder that was scanned. */
  folder: string;
  added: Model[];
  skipped: Array<{ path: string; code: string; message: string }>;
}

/** A model given by path for one generation: validated but not added to the library. */
export interface ResolvedModel {
  model: StoredModel;
  stored: boolean;
}

const publicModel = ({ fileMtimeMs: _mtime, removedAt: _removed, ...model }: StoredModel): Model => model;

/** The model library: import with hashing and validation, discovery in the models folder, and integrity on use. */
export class ModelsService {
  constructor(private readonly repo: ModelsRepo, private readonly usage: ModelUsageRepo, private readonly modelsDir: string) {}

  list(role?: ModelRole, includeRetired = true): Model[] {
    return this.repo.list(role).filter((m) => includeRetired || !m.retiredAt).map(publicModel);
  }

  get(ref: string): Model {
    return publicModel(this.find(ref));
  }

  metadata(ref: string): Record<string, unknown> {
    return this.repo.metadata(this.find(ref).id);
  }

  /** Everything is checked and hashed before the single insert, so a failed import writes nothing. */
  async import(request: ImportRequest, job: JobControl): Promise<Model> {
    const filePath = path.resolve(request.path);
    const summary = await inspectGguf(filePath);
    const stats = await stat(filePath);
    const name = request.name ?? path.basename(filePath).replace(/\.gguf$/i, '');
    this.assertNameFree(name);
    const sha256 = await sha256File(filePath, stats.size, job.signal, (fraction) => job.progress(fraction * 0.99, 'hashing'));
    const existing = this.repo.bySha(sha256);
    if (existing) return this.reimport(existing, filePath, request, job);
    this.assertNameFree(name); // again: another import may have taken it while we hashed
    const model: StoredModel = {
      id: randomUUID(), name, path: filePath, sha256, sizeBytes: stats.size, fileMtimeMs: Math.trunc(stats.mtimeMs),
      architecture: summary.architecture, parameterCount: summary.parameterCount, quantization: summary.quantization,
      contextLength: summary.contextLength, embeddingLength: summary.embeddingLength, chatTemplate: summary.chatTemplate,
      license: summary.license, metadataName: summary.metadataName, vocabOnly: summary.vocabOnly,
      role: request.role ?? defaultRole(summary), approval: 'pending', retiredAt: null, source: request.source ?? 'imported',
      createdAt: new Date().toISOString(), removedAt: null,
    };
    const actor = request.actor ?? 'system';
    const approval = request.approve ? { approval: 'approved' as const } : {};
    this.repo.insert({ ...model, ...approval, metadataJson: JSON.stringify(summary.metadata) }, [
      { action: 'imported', actor, reason: null },
      ...(request.approve ? [{ action: 'approved' as const, actor, reason: request.approve.reason }] : []),
    ]);
    job.progress(1, 'imported');
    return this.get(model.id);
  }

  /**
   * The same bytes are the same model: a removed entry comes back with its id and history (collections, runs and
   * traces that name it resolve again), and an entry whose file moved follows it. A second copy of a file that is
   * still in place is refused.
   */
  private async reimport(existing: StoredModel, filePath: string, request: ImportRequest, job: JobControl): Promise<Model> {
    const actor = request.actor ?? 'system';
    const oldFileThere = existing.path !== filePath && (await stat(existing.path).catch(() => undefined)) !== undefined;
    if (!existing.removedAt && (existing.path === filePath || oldFileThere)) {
      throw new AppError('MODEL_ALREADY_EXISTS', `This file is already in the library as "${existing.name}" (same SHA-256)`, { id: existing.id });
    }
    const wanted = request.name ?? existing.name;
    if (existing.removedAt) this.assertNameFree(wanted);
    this.repo.decide(existing.id, { removedAt: null, path: filePath, ...(existing.removedAt ? { name: wanted } : {}) }, {
      action: 'restored', actor, reason: existing.removedAt ? 're-imported (same SHA-256)' : `file moved from ${existing.path}`,
    });
    const stats = await stat(filePath);
    this.repo.recordFileState(existing.id, stats.size, Math.trunc(stats.mtimeMs));
    if (request.approve && existing.approval !== 'approved') this.repo.decide(existing.id, { approval: 'approved' }, { action: 'approved', actor, reason: request.approve.reason });
    job.progress(1, 'restored');
    return this.get(existing.id);
  }

  /** Imports every .gguf in the models folder that the library does not have yet. */
  async scan(job: JobControl, actor = 'system'): Promise<ScanResult> {
    const entries = await readdir(this.modelsDir, { withFileTypes: true }).catch(() => []);
    const files = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.gguf')).map((e) => path.join(this.modelsDir, e.name));
    const result: ScanResult = { folder: this.modelsDir, added: [], skipped: [] };
    for (const [index, file] of files.entries()) {
      if (job.signal.aborted) throw new AppError('CANCELLED', 'The scan was cancelled');
      job.progress(index / Math.max(1, files.length), path.basename(file));
      if (this.repo.byPath(file)) continue;
      try {
        result.added.push(await this.import({ path: file, source: 'discovered', name: this.freeName(file), actor }, { ...job, progress: () => undefined }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ path: file, code: error.code, message: error.message });
      }
    }
    job.progress(1);
    return result;
  }

  update(ref: string, fields: { name?: string | undefined; role?: ModelRole | undefined }): Model {
    const model = this.find(ref);
    if (fields.name !== undefined && fields.name.toLowerCase() !== model.name.toLowerCase()) this.assertNameFree(fields.name);
    this.repo.update(model.id, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    return this.get(model.id);
  }

  approve(ref: string, actor: string, reason: string | null): Model {
    const model = this.find(ref);
    if (model.retiredAt) throw new AppError('MODEL_RETIRED', `"${model.name}" is retired; reinstate it before approving it`, { model: model.name });
    this.repo.decide(model.id, { approval: 'approved' }, { action: 'approved', actor, reason });
    return this.get(model.id);
  }

  /** Rejecting what collections or protected labels depend on stops them working: only with `confirm`. */
  reject(ref: string, actor: string, reason: string, confirm: boolean): Model {
    const model = this.find(ref);
    this.assertConfirmed(model, 'Rejecting', confirm);
    this.repo.decide(model.id, { approval: 'rejected' }, { action: 'rejected', actor, reason });
    return this.get(model.id);
  }

  retire(ref: string, actor: string, reason: string | null, confirm: boolean): Model {
    const model = this.find(ref);
    if (model.retiredAt) return publicModel(model);
    this.assertConfirmed(model, 'Retiring', confirm);
    this.repo.decide(model.id, { retiredAt: new Date().toISOString() }, { action: 'retired', actor, reason });
    return this.get(model.id);
  }

  reinstate(ref: string, actor: string, reason: string | null): Model {
    const model = this.find(ref);
    if (!model.retiredAt) return publicModel(model);
    this.repo.decide(model.id, { retiredAt: null }, { action: 'reinstated', actor, reason });
    return this.get(model.id);
  }

  dependants(ref: string): ModelDependant[] {
    return this.usage.dependants(this.find(ref));
  }

  history(ref: string): ModelEvent[] {
    return this.repo.history(this.find(ref).id);
  }

  /**
   * Takes the entry out of the library (the GGUF file is the user's and stays where it is). Refused while anything
   * refers to the model: retire it instead. The row is kept, so re-importing the same file restores this entry.
   */
  remove(ref: string, actor: string): string {
    const model = this.find(ref);
    const dependants = this.usage.dependants(model);
    if (dependants.length > 0) {
      throw new AppError(
        'MODEL_IN_USE',
        `"${model.name}" is used by ${describe(dependants)}; removing it would break them. Retire it instead (\`enclave models retire ${model.name}\`): it stays in the library so old runs resolve, and nothing new can use it.`,
        { model: model.name, dependants },
      );
    }
    this.repo.decide(model.id, { removedAt: new Date().toISOString() }, { action: 'removed', actor, reason: null });
    return model.id;
  }

  private assertConfirmed(model: StoredModel, doing: string, confirm: boolean): void {
    if (confirm) return;
    const live = this.usage.dependants(model).filter((d) => d.kind !== 'eval-run' && d.kind !== 'prompt-version');
    if (live.length === 0) return;
    throw new AppError(
      'MODEL_IN_USE',
      `${doing} "${model.name}" stops ${describe(live)} from working: they will refuse to run until they use another model. Confirm to go ahead (--confirm).`,
      { model: model.name, dependants: live },
    );
  }

  /** A library model by id or name, or, where `allowPath` is set, a GGUF file given by path. */
  async resolveForUse(ref: string, allowPath: boolean): Promise<ResolvedModel> {
    const stored = this.libraryEntry(ref);
    if (stored) {
      await this.verifyFile(stored);
      return { model: stored, stored: true };
    }
    if (allowPath && (ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.gguf'))) {
      const filePath = path.resolve(ref);
      const known = this.repo.byPath(filePath);
      if (known) {
        await this.verifyFile(known);
        return { model: known, stored: true };
      }
      const summary = await inspectGguf(filePath);
      const stats = await stat(filePath);
      return {
        stored: false,
        model: {
          id: `path:${filePath}`, name: path.basename(filePath), path: filePath, sha256: '', sizeBytes: stats.size,
          fileMtimeMs: Math.trunc(stats.mtimeMs), architecture: summary.architecture, parameterCount: summary.parameterCount,
          quantization: summary.quantization, contextLength: summary.contextLength, embeddingLength: summary.embeddingLength,
          chatTemplate: summary.chatTemplate, license: summary.license, metadataName: summary.metadataName,
          vocabOnly: summary.vocabOnly, role: defaultRole(summary), approval: 'pending', retiredAt: null, source: 'imported', createdAt: new Date().toISOString(), removedAt: null,
        },
      };
    }
    throw notFound(ref);
  }

  /** The file must still be the one that was hashed at import: a swapped model is refused, not silently run. */
  private async verifyFile(model: StoredModel): Promise<void> {
    // A remote model has no file here: its endpoint serves it (the gateway checks the endpoint instead).
    if (model.remote) return;
    const stats = await stat(model.path).catch(() => undefined);
    if (!stats) throw new AppError('MODEL_NOT_FOUND', `The file of model "${model.name}" is gone from ${model.path}; put it back or import it again`);
    const mtime = Math.trunc(stats.mtimeMs);
    if (stats.size === model.sizeBytes && mtime === model.fileMtimeMs) return;
    const sha = await sha256File(model.path, stats.size, new AbortController().signal, () => undefined);
    if (sha !== model.sha256) {
      throw new AppError('MODEL_MODIFIED', `The file of model "${model.name}" (${model.path}) changed since it was imported (SHA-256 differs); import it again to review and approve the new file`);
    }
    this.repo.recordFileState(model.id, stats.size, mtime);
  }

  /** A library model by id or name; a removed one only by id (what old runs and traces keep). */
  private find(ref: string): StoredModel {
    const model = this.libraryEntry(ref);
    if (!model) throw notFound(ref);
    return model;
  }

  private libraryEntry(ref: string): StoredModel | undefined {
    const byId = this.repo.byId(ref);
    return byId && !byId.removedAt ? byId : this.repo.byName(ref);
  }

  private assertNameFree(name: string): void {
    if (this.repo.byName(name)) throw new AppError('MODEL_ALREADY_EXISTS', `A model named "${name}" already exists; choose another name with --name`);
  }

  private freeName(file: string): string {
    const base = path.basename(file).replace(/\.gguf$/i, '');
    let name = base;
    for (let n = 2; this.repo.byName(name); n++) name = `${base}-${n}`;
    return name;
  }
}

function defaultRole(summary: GgufSummary): ModelRole {
  if (summary.architecture && EMBEDDING_ARCHITECTURES.has(summary.architecture)) return 'embedding';
  return 'chat';
}

function describe(dependants: ModelDependant[]): string {
  const shown = dependants.slice(0, 5).map((d) => d.label).join(', ');
  return dependants.length > 5 ? `${shown} and ${dependants.length - 5} more` : shown;
}

function notFound(ref: string): AppError {
  return new AppError('MODEL_NOT_FOUND', `No model "${ref}" in the library; list models with \`enclave models list\` or import one with \`enclave models add <file.gguf>\``);
}
