import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { inspectGguf, type GgufSummary } from '../../../native/llama/gguf-inspect.js';
import { AppError } from '../contract/errors.js';
import type { Model, ModelRole } from '../contract/schemas.js';
import type { JobControl } from '../jobs/job-runner.js';
import { sha256File } from './file-hash.js';
import { ModelsRepo, type StoredModel } from './models.repo.js';

/** Architectures llama.cpp runs as encoders: they embed, they do not chat. */
const EMBEDDING_ARCHITECTURES = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'jina-bert-v2', 'jina-bert-v3', 'modern-bert', 't5encoder', 'neo-bert']);

export interface ImportRequest {
  path: string;
  name?: string | undefined;
  role?: ModelRole | undefined;
  source?: Model['source'];
}

export interface ScanResult {
  added: Model[];
  skipped: Array<{ path: string; code: string; message: string }>;
}

/** A model given by path for one generation: validated but not added to the library. */
export interface ResolvedModel {
  model: StoredModel;
  stored: boolean;
}

const publicModel = ({ fileMtimeMs: _ignored, ...model }: StoredModel): Model => model;

/** The model library: import with hashing and validation, discovery in the models folder, and integrity on use. */
export class ModelsService {
  constructor(private readonly repo: ModelsRepo, private readonly modelsDir: string) {}

  list(role?: ModelRole): Model[] {
    return this.repo.list(role).map(publicModel);
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
    if (existing) {
      throw new AppError('MODEL_ALREADY_EXISTS', `This file is already in the library as "${existing.name}" (same SHA-256)`, { id: existing.id });
    }
    this.assertNameFree(name); // again: another import may have taken it while we hashed
    const model: StoredModel = {
      id: randomUUID(), name, path: filePath, sha256, sizeBytes: stats.size, fileMtimeMs: Math.trunc(stats.mtimeMs),
      architecture: summary.architecture, parameterCount: summary.parameterCount, quantization: summary.quantization,
      contextLength: summary.contextLength, embeddingLength: summary.embeddingLength, chatTemplate: summary.chatTemplate,
      license: summary.license, metadataName: summary.metadataName, vocabOnly: summary.vocabOnly,
      role: request.role ?? defaultRole(summary), approval: 'pending', source: request.source ?? 'imported',
      createdAt: new Date().toISOString(),
    };
    this.repo.insert({ ...model, metadataJson: JSON.stringify(summary.metadata) });
    job.progress(1, 'imported');
    return publicModel(model);
  }

  /** Imports every .gguf in the models folder that the library does not have yet. */
  async scan(job: JobControl): Promise<ScanResult> {
    const entries = await readdir(this.modelsDir, { withFileTypes: true }).catch(() => []);
    const files = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.gguf')).map((e) => path.join(this.modelsDir, e.name));
    const result: ScanResult = { added: [], skipped: [] };
    for (const [index, file] of files.entries()) {
      if (job.signal.aborted) throw new AppError('CANCELLED', 'The scan was cancelled');
      job.progress(index / Math.max(1, files.length), path.basename(file));
      if (this.repo.byPath(file)) continue;
      try {
        result.added.push(await this.import({ path: file, source: 'discovered', name: this.freeName(file) }, { ...job, progress: () => undefined }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.skipped.push({ path: file, code: error.code, message: error.message });
      }
    }
    job.progress(1);
    return result;
  }

  update(ref: string, fields: { name?: string | undefined; role?: ModelRole | undefined; approval?: Model['approval'] | undefined }): Model {
    const model = this.find(ref);
    if (fields.name !== undefined && fields.name.toLowerCase() !== model.name.toLowerCase()) this.assertNameFree(fields.name);
    this.repo.update(model.id, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    return this.get(model.id);
  }

  /** Removes the library entry; the GGUF file itself is the user's and stays where it is. */
  remove(ref: string): string {
    const model = this.find(ref);
    this.repo.remove(model.id);
    return model.id;
  }

  /** A library model by id or name, or, where `allowPath` is set, a GGUF file given by path. */
  async resolveForUse(ref: string, allowPath: boolean): Promise<ResolvedModel> {
    const stored = this.repo.byId(ref) ?? this.repo.byName(ref);
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
          vocabOnly: summary.vocabOnly, role: defaultRole(summary), approval: 'pending', source: 'imported', createdAt: new Date().toISOString(),
        },
      };
    }
    throw notFound(ref);
  }

  /** The file must still be the one that was hashed at import: a swapped model is refused, not silently run. */
  private async verifyFile(model: StoredModel): Promise<void> {
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

  private find(ref: string): StoredModel {
    const model = this.repo.byId(ref) ?? this.repo.byName(ref);
    if (!model) throw notFound(ref);
    return model;
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

function notFound(ref: string): AppError {
  return new AppError('MODEL_NOT_FOUND', `No model "${ref}" in the library; list models with \`enclave models list\` or import one with \`enclave models add <file.gguf>\``);
}
