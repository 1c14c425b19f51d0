import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../../native/sqlite/open.js';
import type { CallContext } from '../../contract/context.js';
import { isAppError } from '../../contract/errors.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import type { IngestService } from './ingest.service.js';

export interface Watch {
  collectionId: string;
  folder: string;
  acl: string[];
  tags: string[];
  createdBy: string;
}

/** `paused`: the folder is no longer allowed (import roots, symlinks, the creator's rights); `reason` says why. */
export type WatchState = Watch & { status: 'active' | 'paused'; reason?: string };

/** Admits a path for the watch's creator as the policy stands now (PATH_NOT_ALLOWED otherwise); returns its real path. */
export type AdmitWatchPath = (createdBy: string, target: string) => Promise<string>;

/** Changes settle for this long before a sync runs: an editor's save or a copy of many files becomes one run. */
const SETTLE_MS = 1500;

/**
 * Watched folders: each change schedules a sync of the folder (ingest changed files, remove deleted ones) as a
 * background job; unchanged files cost a hash. Watches persist and resume, with a full sync, when the core starts.
 * Each sync admits the folder and every file again with the path policy as it is now: a folder no longer allowed
 * pauses its watch (listed with the reason) until the core starts again or the watch is added again.
 */
export class FolderWatches {
  private readonly watchers = new Map<string, { watcher: FSWatcher; timer?: NodeJS.Timeout }>();
  private readonly paused = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly ingest: IngestService,
    private readonly jobs: JobRunner,
    private readonly log: (m: string) => void,
    private readonly admit: AdmitWatchPath,
  ) {}

  list(collectionId?: string): WatchState[] {
    const rows = (collectionId
      ? this.db.prepare('SELECT * FROM rag_watches WHERE collection_id = ? ORDER BY folder').all(collectionId)
      : this.db.prepare('SELECT * FROM rag_watches ORDER BY folder').all()) as Array<{ collection_id: string; folder: string; acl_json: string; tags_json: string; created_by: string }>;
    return rows.map((r) => ({ collectionId: r.collection_id, folder: r.folder, acl: JSON.parse(r.acl_json) as string[], tags: JSON.parse(r.tags_json) as string[], createdBy: r.created_by }))
      .map((w) => {
        const reason = this.paused.get(key(w.collectionId, w.folder));
        return reason === undefined ? { ...w, status: 'active' as const } : { ...w, status: 'paused' as const, reason };
      });
  }

  /** Starts watching and returns the id of the first full sync. */
  add(watchSpec: Watch, ctx: CallContext): string {
    const folder = path.resolve(watchSpec.folder);
    this.db.prepare(`INSERT INTO rag_watches (collection_id, folder, acl_json, tags_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (collection_id, folder) DO UPDATE SET acl_json = excluded.acl_json, tags_json = excluded.tags_json`)
      .run(watchSpec.collectionId, folder, JSON.stringify(watchSpec.acl), JSON.stringify(watchSpec.tags), ctx.user, new Date().toISOString());
    return this.sync({ ...watchSpec, folder });
  }

  remove(collectionId: string, folder: string): boolean {
    const resolved = path.resolve(folder);
    this.stop(key(collectionId, resolved));
    this.paused.delete(key(collectionId, resolved));
    return this.db.prepare('DELETE FROM rag_watches WHERE collection_id = ? AND folder = ?').run(collectionId, resolved).changes > 0;
  }

  /** At start-up: watch every stored folder again and catch up with what changed while the app was closed. */
  resumeAll(): void {
    for (const spec of this.list()) this.sync(spec);
  }

  closeAll(): void {
    for (const id of [...this.watchers.keys()]) this.stop(id);
  }

  private start(spec: Watch): void {
    const id = key(spec.collectionId, spec.folder);
    if (this.watchers.has(id)) return;
    try {
      const watcher = watch(spec.folder, { recursive: true, persistent: false }, () => this.schedule(id, spec));
      watcher.on('error', (error) => this.log(`[watch] ${spec.folder}: ${error.message}`));
      this.watchers.set(id, { watcher });
    } catch (error) {
      this.log(`[watch] cannot watch ${spec.folder}: ${(error as Error).message}`);
    }
  }

  private schedule(id: string, spec: Watch): void {
    const entry = this.watchers.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.sync(spec), SETTLE_MS);
  }

  private sync(spec: Watch): string {
    // Syncs act for the user who set up the watch, with no role of their own; paths are admitted with their rights now.
    const ctx: CallContext = { user: spec.createdBy, groups: [], roles: [], shell: 'system' };
    const id = key(spec.collectionId, spec.folder);
    return this.jobs.start('rag.sync', async (job) => {
      try {
        await this.admit(spec.createdBy, spec.folder);
      } catch (error) {
        if (!isAppError(error)) throw error;
        this.stop(id);
        this.paused.set(id, error.message);
        this.log(`[watch] paused ${spec.folder}: ${error.message}`);
        throw error;
      }
      this.paused.delete(id);
      this.start(spec);
      const admitFile = (file: string): Promise<string> => this.admit(spec.createdBy, file);
      return this.ingest.ingest({ collection: spec.collectionId, paths: [spec.folder], acl: spec.acl, tags: spec.tags, removeMissing: true, admitFile }, ctx, job);
    });
  }

  private stop(id: string): void {
    const entry = this.watchers.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.watcher.close();
    this.watchers.delete(id);
  }
}

const key = (collectionId: string, folder: string): string => `${collectionId}\u0000${folder}`;
