import type { Db } from '../../../../native/sqlite/open.js';
import { datasetVersionKey, promptVersionKey, resultsKey, runKey, type TransferObject } from './transfer-object.js';

/** Results per object: a run of 100k results is 100 objects, so a flipped byte names a slice, not "the run". */
export const RESULTS_PER_OBJECT = 1000;

interface RunRow {
  id: string; name: string; suite_json: string; baseline_run_id: string | null; status: string; total_items: number; done_items: number; summary_json: string | null;
  gate_passed: number | null; gate_json: string | null; error_json: string | null; created_by: string; created_at: string; ended_at: string | null;
  dataset_name: string; dataset_version: number;
}
interface ResultRow {
  ordinal: number; prompt_key: string; prompt_version: string | null; model: string; status: string; rendered_json: string; output: string; metrics_json: string;
  assertions_json: string; passed: number; judge_json: string | null; error_json: string | null; latency_ms: number; prompt_tokens: number; completion_tokens: number; created_at: string;
}

export interface CollectedRuns {
  objects: TransferObject[];
  /** What the runs refer to, which must travel with them: `dataset:NAME@N` and `prompt:NAME@VERSION` keys. */
  datasetVersions: Set<string>;
  promptVersions: Set<string>;
}

/**
 * Finished eval runs (ids or names; null: all) with every result. A run in progress is not exported: its results are
 * not final. Local row ids in the stored suite are blanked (the importer fills in its own), so the object reads the
 * same on both sides. A run's baseline run travels with it (the reference must resolve on the other side).
 */
export function collectRuns(db: Db, refs: readonly string[] | null): CollectedRuns {
  const all = db.prepare(`SELECT r.id, r.name, r.suite_json, r.baseline_run_id, r.status, r.total_items, r.done_items, r.summary_json, r.gate_passed, r.gate_json,
      r.error_json, r.created_by, r.created_at, r.ended_at, d.name AS dataset_name, dv.version AS dataset_version
    FROM eval_runs r JOIN dataset_versions dv ON dv.id = r.dataset_version_id JOIN datasets d ON d.id = dv.dataset_id
    WHERE r.status <> 'running' ORDER BY r.created_at, r.id`).all() as RunRow[];
  const byId = new Map(all.map((r) => [r.id, r]));
  const chosen = new Map<string, RunRow>();
  const add = (run: RunRow | undefined): void => {
    if (!run || chosen.has(run.id)) return;
    chosen.set(run.id, run);
    if (run.baseline_run_id) add(byId.get(run.baseline_run_id));
  };
  if (refs === null) all.forEach(add);
  else for (const ref of refs) all.filter((r) => r.id === ref || r.name === ref).forEach(add);

  const promptVersions = db.prepare(`SELECT p.name, v.version FROM eval_run_prompt_versions rp JOIN prompt_versions v ON v.id = rp.prompt_version_id
    JOIN prompts p ON p.id = v.prompt_id WHERE rp.run_id = ? ORDER BY p.name, v.major, v.minor, v.patch`);
  const results = db.prepare(`SELECT c.ordinal, r.prompt_key, CASE WHEN p.name IS NULL THEN NULL ELSE p.name || '@' || v.version END AS prompt_version, r.model,
      r.status, r.rendered_json, r.output, r.metrics_json, r.assertions_json, r.passed, r.judge_json, r.error_json, r.latency_ms, r.prompt_tokens,
      r.completion_tokens, r.created_at
    FROM eval_results r JOIN dataset_cases c ON c.id = r.case_id LEFT JOIN prompt_versions v ON v.id = r.prompt_version_id LEFT JOIN prompts p ON p.id = v.prompt_id
    WHERE r.run_id = ? ORDER BY c.ordinal, r.prompt_key, r.model`);

  const out: CollectedRuns = { objects: [], datasetVersions: new Set(), promptVersions: new Set() };
  for (const run of chosen.values()) {
    const versions = (promptVersions.all(run.id) as Array<{ name: string; version: string }>).map((v) => `${v.name}@${v.version}`);
    out.datasetVersions.add(datasetVersionKey(run.dataset_name, run.dataset_version));
    for (const v of versions) out.promptVersions.add(`prompt:${v}`);
    let chunk: unknown[] = [];
    let chunks = 0;
    const flush = (): void => {
      out.objects.push({ key: resultsKey(run.id, chunks), kind: 'eval-results', data: { run: run.id, chunk: chunks, results: chunk } });
      chunks += 1;
      chunk = [];
    };
    const runObjectIndex = out.objects.length;
    out.objects.push({ key: runKey(run.id), kind: 'eval-run', data: null });
    for (const r of results.iterate(run.id) as IterableIterator<ResultRow>) {
      chunk.push({
        ordinal: r.ordinal, promptKey: r.prompt_key, promptVersion: r.prompt_version, model: r.model, status: r.status, renderedJson: r.rendered_json, output: r.output,
        metricsJson: r.metrics_json, assertionsJson: r.assertions_json, passed: r.passed === 1, judgeJson: r.judge_json, errorJson: r.error_json, latencyMs: r.latency_ms,
        promptTokens: r.prompt_tokens, completionTokens: r.completion_tokens, createdAt: r.created_at,
      });
      if (chunk.length === RESULTS_PER_OBJECT) flush();
    }
    if (chunk.length > 0) flush();
    out.objects[runObjectIndex] = {
      key: runKey(run.id),
      kind: 'eval-run',
      data: {
        id: run.id, name: run.name, suite: portableSuite(run.suite_json), dataset: `${run.dataset_name}@${run.dataset_version}`, promptVersions: versions,
        baselineRunId: run.baseline_run_id, status: run.status, totalItems: run.total_items, doneItems: run.done_items, summaryJson: run.summary_json,
        gatePassed: run.gate_passed, gateJson: run.gate_json, errorJson: run.error_json, createdBy: run.created_by, createdAt: run.created_at, endedAt: run.ended_at,
        resultChunks: chunks,
      },
    };
  }
  return out;
}

interface StoredSuite { dataset?: { id?: unknown; versionId?: unknown }; prompts?: Array<{ versionId?: unknown }> }

/** The stored suite without this installation's row ids (the importer writes its own back). */
export function portableSuite(suiteJson: string): unknown {
  const suite = JSON.parse(suiteJson) as StoredSuite;
  if (suite.dataset) suite.dataset = { ...suite.dataset, id: null, versionId: null };
  if (Array.isArray(suite.prompts)) suite.prompts = suite.prompts.map((p) => ({ ...p, versionId: null }));
  return suite;
}

export { promptVersionKey };
