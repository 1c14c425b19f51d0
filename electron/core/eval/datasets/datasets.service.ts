import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallContext } from '../../contract/context.js';
import { AppError } from '../../contract/errors.js';
import { evalError } from '../eval-errors.js';
import type { NewCase } from './case-shape.js';
import { applyLabels, quoteKeys, type LabelChange } from './dataset-label.js';
import { toCsv, toJsonl } from './dataset-export.js';
import { formatOf, parseCsv, parseJsonl, type ParsedDataset } from './dataset-parse.js';
import type { DatasetRow, DatasetsRepo, DatasetVersionRow, StoredCase } from './datasets.repo.js';
import { labelError } from './label-errors.js';

export interface ImportRequest {
  name: string;
  path?: string | undefined;
  content?: string | undefined;
  format?: 'jsonl' | 'csv' | undefined;
  description?: string | undefined;
  note?: string | undefined;
}

/** Golden datasets: imported from JSONL or CSV with per-row errors, versioned, exported in either format. */
export class DatasetsService {
  constructor(readonly repo: DatasetsRepo) {}

  async import(request: ImportRequest, ctx: CallContext) {
    const content = request.content ?? (await readText(request.path as string));
    const format = request.format ?? formatOf(request.path, content);
    const parsed = format === 'csv' ? parseCsv(content) : parseJsonl(content);
    const source = request.path ? path.basename(request.path) : `(${format} content)`;
    return this.store(request.name, parsed, source, ctx, request);
  }

  /** Stores parsed cases as a new version; duplicate ids are row errors too (ids pair cases across runs). */
  store(name: string, parsed: ParsedDataset, source: string, ctx: CallContext, extra: { description?: string | undefined; note?: string | undefined } = {}) {
    const errors = [...parsed.errors];
    const seen = new Map<string, number>();
    const cases: NewCase[] = [];
    for (const c of parsed.cases) {
      const key = c.key ?? String(cases.length + 1);
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ row: c.row, message: `id "${key}" repeats the id of row ${first}` });
        continue;
      }
      seen.set(key, c.row);
      const { row: _row, ...rest } = c;
      cases.push({ ...rest, key });
    }
    errors.sort((a, b) => a.row - b.row);
    if (cases.length === 0) {
      const first = errors.slice(0, 5).map((e) => `row ${e.row}: ${e.message}`).join('; ');
      throw evalError('DATASET_INVALID', `No case of ${source} could be imported${first ? `: ${first}` : ' (the file is empty)'}`, { errors });
    }
    const { row, reused } = this.repo.addVersion({ name, description: extra.description, note: extra.note, cases, source, user: ctx.user });
    return { dataset: name, version: row.version, imported: cases.length, reused, errors };
  }

  /** `name` → latest version; `name@3` → version 3. */
  resolve(ref: string): { dataset: DatasetRow; version: DatasetVersionRow } {
    const match = /^(.*?)(?:@(\d+))?$/.exec(ref.trim());
    const name = match?.[1] ?? ref;
    const dataset = this.repo.byName(name);
    if (!dataset) throw evalError('DATASET_NOT_FOUND', `No dataset named "${name}"; import one with \`enclave datasets import <file> --name ${name}\``);
    const wanted = match?.[2] !== undefined ? Number(match[2]) : undefined;
    const version = this.repo.version(dataset.id, wanted);
    if (!version) throw evalError('DATASET_NOT_FOUND', `Dataset "${dataset.name}" has no version ${wanted ?? ''}; versions: ${this.repo.versions(dataset.id).map((v) => v.version).join(', ')}`);
    return { dataset, version };
  }

  cases(versionId: number): StoredCase[] {
    return this.repo.cases(versionId);
  }

  /**
   * Human labels set in the app or the CLI: a new version copied from the base (which must still be the latest)
   * with these labels replaced, the note and the caller as author. Runs record the version they used, so a
   * version is never edited in place. Nothing changed: no version is written.
   */
  label(request: { dataset: string; labels: LabelChange[]; note?: string | undefined }, ctx: CallContext) {
    const { dataset, version } = this.resolve(request.dataset);
    const refuseStale = (latest: DatasetVersionRow | undefined) => {
      if (latest && latest.version !== version.version) {
        throw labelError(
          'DATASET_VERSION_STALE',
          `Dataset "${dataset.name}" is at version ${latest.version} now, but these labels were made on version ${version.version}: someone saved a version since. ` +
            `Nothing was saved; reload version ${latest.version} and label again.`,
          { dataset: dataset.name, baseVersion: version.version, latestVersion: latest.version },
        );
      }
    };
    refuseStale(this.repo.version(dataset.id));
    const { cases, changed, unknown } = applyLabels(this.repo.cases(version.id), request.labels);
    if (unknown.length > 0) {
      throw labelError('DATASET_CASE_NOT_FOUND', `${dataset.name}@${version.version} has no case ${quoteKeys(unknown)}; nothing was saved`, {
        dataset: dataset.name, version: version.version, caseKeys: unknown,
      });
    }
    const result = { dataset: dataset.name, baseVersion: version.version, changed: changed.length };
    if (changed.length === 0) return { ...result, version: version.version, reused: true };
    const note = request.note?.trim() || `${changed.length} label${changed.length === 1 ? '' : 's'} changed`;
    const { row, reused } = this.repo.addVersion({ name: dataset.name, cases, source: `labels on v${version.version}`, note, user: ctx.user, checkLatest: refuseStale });
    return { ...result, version: row.version, reused };
  }

  async export(request: { dataset: string; format: 'jsonl' | 'csv'; path?: string | undefined; overwrite?: boolean | undefined }) {
    const { dataset, version } = this.resolve(request.dataset);
    const cases = this.repo.cases(version.id).map(({ id: _id, ...c }) => c);
    const content = request.format === 'csv' ? toCsv(cases) : toJsonl(cases);
    if (request.path) await writeExport(request.path, content, request.overwrite === true);
    return { dataset: dataset.name, version: version.version, format: request.format, cases: cases.length, path: request.path ?? null, content: request.path ? null : content };
  }

  summary(dataset: DatasetRow) {
    const versions = this.repo.versions(dataset.id);
    return { id: dataset.id, name: dataset.name, description: dataset.description, latestVersion: versions[0]?.version ?? 0, cases: versions[0]?.case_count ?? 0, versions: versions.length, createdAt: dataset.created_at };
  }

  list() {
    return this.repo.list().map((d) => this.summary(d));
  }

  show(ref: string, offset: number, limit: number) {
    const { dataset, version } = this.resolve(ref);
    return {
      dataset: this.summary(dataset),
      version: version.version,
      versions: this.repo.versions(dataset.id).map((v) => ({ version: v.version, cases: v.case_count, source: v.source, note: v.note, createdBy: v.created_by, createdAt: v.created_at })),
      total: version.case_count,
      cases: this.repo.cases(version.id, offset, limit).map(({ id: _id, ...c }) => c),
    };
  }
}

/** An export never replaces an existing file unless asked to (and the path was admitted by the path policy). */
async function writeExport(file: string, content: string, overwrite: boolean): Promise<void> {
  try {
    await writeFile(file, content, { encoding: 'utf8', flag: overwrite ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('PATH_NOT_ALLOWED', `${file} exists already; nothing was written. Choose another file or pass overwrite: true (--overwrite)`, { path: file });
    throw new AppError('FILE_UNREADABLE', `${file} cannot be written: ${(error as Error).message}`);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `No file at ${file}`);
    throw new AppError('FILE_UNREADABLE', `${file} cannot be read: ${(error as Error).message}`);
  }
}
