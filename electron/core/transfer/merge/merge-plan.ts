import type { Db } from '../../../../native/sqlite/open.js';
import type { ManifestEntry } from '../bundle-format.js';
import { collectDatasets } from '../objects/collect-datasets.js';
import { collectPrompts } from '../objects/collect-prompts.js';
import { collectRuns } from '../objects/collect-runs.js';
import { datasetVersionKey, encodeObject, kindOrder, runKey, type TransferObject } from '../objects/transfer-object.js';

export type ObjectStatus = 'new' | 'exists' | 'conflict';

export interface IncomingObject {
  entry: ManifestEntry;
  data: Record<string, unknown>;
}

export interface PlannedObject {
  key: string;
  kind: ManifestEntry['kind'];
  sha256: string;
  size: number;
  status: ObjectStatus;
  /** Why it conflicts (or what it depends on that does). */
  reason: string | null;
}

/**
 * Compares each incoming object with this installation's object of the same key, read through the same collectors
 * that export: absent → new, same SHA-256 → exists (nothing to do), different → conflict (reported, never merged;
 * immutable versions in particular are never overwritten). An object whose dependency conflicts or is missing on
 * both sides is a conflict too, so nothing half-linked is merged.
 */
export function planImport(db: Db, incoming: readonly IncomingObject[]): PlannedObject[] {
  const local = localHashes(db, incoming);
  const sorted = [...incoming].sort((a, b) => kindOrder[a.entry.kind] - kindOrder[b.entry.kind]);
  const status = new Map<string, ObjectStatus>();
  const plans: PlannedObject[] = [];
  for (const { entry, data } of sorted) {
    const mine = local.get(entry.key.toLowerCase());
    let state: ObjectStatus = mine === undefined ? 'new' : mine === entry.sha256 ? 'exists' : 'conflict';
    let reason: string | null = state === 'conflict' ? conflictReason(entry) : null;
    if (state === 'new') {
      // A prompt or dataset whose description differs here is still the same name: versions merge into it. A version
      // or run that conflicts is a different thing under the same name: what refers to it is not merged.
      const blocker = dependencies(entry, data).find(({ key, head }) => {
        const s = status.get(key.toLowerCase()) ?? (local.has(key.toLowerCase()) ? 'exists' : undefined);
        return s === undefined || (s === 'conflict' && !(head && local.has(key.toLowerCase())));
      });
      if (blocker !== undefined) {
        state = 'conflict';
        reason = status.get(blocker.key.toLowerCase()) === 'conflict' ? `depends on ${blocker.key}, which conflicts` : `depends on ${blocker.key}, which is neither in the bundle nor here`;
      }
    }
    status.set(entry.key.toLowerCase(), state);
    plans.push({ key: entry.key, kind: entry.kind, sha256: entry.sha256, size: entry.size, status: state, reason });
  }
  return plans;
}

function conflictReason(entry: ManifestEntry): string {
  switch (entry.kind) {
    case 'prompt-version':
    case 'dataset-version':
      return 'a version with this number exists here with different content; versions are immutable, so it is not overwritten';
    case 'prompt-labels':
      return 'labels here point at other versions; move them by hand if the other installation is right';
    case 'eval-run':
    case 'eval-results':
      return 'a run with this id exists here with different content';
    default:
      return 'exists here with different details; the local one is kept';
  }
}

/** The keys an object needs to exist first. */
function dependencies(entry: ManifestEntry, data: Record<string, unknown>): Array<{ key: string; head: boolean }> {
  const on = (key: string, head = false): { key: string; head: boolean } => ({ key, head });
  switch (entry.kind) {
    case 'prompt-version':
      return [on(`prompt:${String(data.prompt)}`, true)];
    case 'prompt-labels': {
      const labels = Object.values((data.labels as Record<string, { version: string }> | undefined) ?? {});
      return [on(`prompt:${String(data.prompt)}`, true), ...labels.map((l) => on(`prompt:${String(data.prompt)}@${l.version}`))];
    }
    case 'dataset-version':
      return [on(`dataset:${String(data.dataset)}`, true)];
    case 'eval-run': {
      const deps = [on(`dataset:${String(data.dataset)}`), ...((data.promptVersions as string[] | undefined) ?? []).map((v) => on(`prompt:${v}`))];
      if (typeof data.baselineRunId === 'string') deps.push(on(runKey(data.baselineRunId)));
      return deps;
    }
    case 'eval-results':
      return [on(runKey(String(data.run)))];
    default:
      return [];
  }
}

/** SHA-256 of this installation's objects under the incoming keys (lower-cased: names are case-insensitive here). */
function localHashes(db: Db, incoming: readonly IncomingObject[]): Map<string, string> {
  const prompts = new Set<string>();
  const datasets = new Set<string>();
  const runs = new Set<string>();
  const models: string[] = [];
  for (const { entry, data } of incoming) {
    if (entry.kind === 'prompt') prompts.add(String(data.name));
    else if (entry.kind === 'prompt-version' || entry.kind === 'prompt-labels') prompts.add(String(data.prompt));
    else if (entry.kind === 'dataset') datasets.add(String(data.name));
    else if (entry.kind === 'dataset-version') datasets.add(String(data.dataset));
    else if (entry.kind === 'eval-run') runs.add(String(data.id));
    else if (entry.kind === 'eval-results') runs.add(String(data.run));
    else if (entry.kind === 'model') models.push(String(data.sha256));
  }
  const objects: TransferObject[] = [];
  if (prompts.size > 0) objects.push(...collectPrompts(db, [...prompts]));
  if (datasets.size > 0) objects.push(...collectDatasets(db, [...datasets]));
  if (runs.size > 0) objects.push(...collectRuns(db, [...runs]).objects);
  // A run in progress here, under the same id, is a conflict: collectRuns leaves it out, so mark it by hand.
  const active = db.prepare("SELECT id FROM eval_runs WHERE status = 'running' AND id = ?");
  const hashes = new Map(objects.map((o) => [o.key.toLowerCase(), encodeObject(o).sha256]));
  for (const id of runs) if (active.get(id)) hashes.set(runKey(id).toLowerCase(), 'running');
  // Models are known by SHA-256 alone: the weights are the identity, approval history stays each side's own.
  const known = db.prepare('SELECT 1 FROM models WHERE sha256 = ? UNION ALL SELECT 1 FROM transfer_model_manifests WHERE sha256 = ?');
  for (const { entry, data } of incoming) if (entry.kind === 'model' && known.get(data.sha256, data.sha256)) hashes.set(entry.key.toLowerCase(), entry.sha256);
  return hashes;
}

export { datasetVersionKey };
