import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../native/sqlite/open.js';
import { writeTransaction } from '../native/sqlite/write-transaction.js';
import { AuditService } from '../electron/core/audit/audit.service.js';
import { TransferRepo } from '../electron/core/transfer/transfer.repo.js';
import { TransferService } from '../electron/core/transfer/transfer.service.js';

const CASES = 1_000;
const PROMPTS = 10;
const MODELS = 10;
const RESULTS = CASES * PROMPTS * MODELS;

const fmt = (n: number): string => n.toLocaleString('en-US');
const secs = (ms: number): string => (ms / 1000).toFixed(2);

function time<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

interface Installation { dir: string; db: Db; audit: AuditService; repo: TransferRepo; service: TransferService }

function installation(name: string): Installation {
  const dir = mkdtempSync(path.join(os.tmpdir(), `enclave-bundle-bench-${name}-`));
  const { db } = openDatabase(path.join(dir, 'enclave.db'));
  const audit = AuditService.open({ db, dataDir: dir, alertRules: [] });
  const repo = new TransferRepo(db);
  return { dir, db, audit, repo, service: new TransferService(db, repo, audit) };
}

/** One finished run of 100k results (1,000 cases × 10 prompts × 10 models), as the runner writes them. */
function seed(db: Db): string {
  const runId = 'bench-run-0001';
  const now = new Date().toISOString();
  writeTransaction(db, () => {
    db.prepare("INSERT INTO datasets (id, name, created_by, created_at) VALUES ('d1', 'bench', 'bench', ?)").run(now);
    const version = db.prepare("INSERT INTO dataset_versions (dataset_id, version, case_count, content_hash, source, created_by, created_at) VALUES ('d1', 1, ?, 'h', 'bench', 'bench', ?)").run(CASES, now).lastInsertRowid;
    const addCase = db.prepare("INSERT INTO dataset_cases (dataset_version_id, ordinal, case_key, vars_json, expected) VALUES (?, ?, ?, ?, ?)");
    const caseIds: number[] = [];
    for (let i = 0; i < CASES; i++) caseIds.push(Number(addCase.run(version, i, `c${i}`, JSON.stringify({ question: `What is item ${i}?` }), `Item ${i} is a thing.`).lastInsertRowid));
    const suite = { name: 'bench', dataset: { id: 'd1', name: 'bench', version: 1, versionId: Number(version) }, prompts: Array.from({ length: PROMPTS }, (_, p) => ({ key: `p${p}`, ref: null, versionId: null, version: null })) };
    db.prepare("INSERT INTO eval_runs (id, name, suite_json, dataset_version_id, status, total_items, done_items, created_by, created_at, ended_at) VALUES (?, 'bench', ?, ?, 'succeeded', ?, ?, 'bench', ?, ?)").run(runId, JSON.stringify(suite), version, RESULTS, RESULTS, now, now);
    const add = db.prepare(`INSERT INTO eval_results (run_id, case_id, prompt_key, model, status, rendered_json, output, metrics_json, assertions_json, passed, latency_ms, prompt_tokens, completion_tokens, created_at)
      VALUES (?, ?, ?, ?, 'ok', ?, ?, ?, '[{"type":"contains","passed":true,"score":null,"threshold":null,"reason":"ok"}]', 1, ?, 42, 64, ?)`);
    for (const caseId of caseIds) {
      for (let p = 0; p < PROMPTS; p++) {
        for (let m = 0; m < MODELS; m++) add.run(runId, caseId, `p${p}`, `model-${m}`, JSON.stringify({ user: `Answer: what is item ${caseId}?` }), `Item ${caseId} is a thing, says model ${m} with prompt ${p}.`, JSON.stringify({ bleu: 0.41, rougeL: 0.52 }), 100 + m, now);
      }
    }
  });
  return runId;
}

/** Export and import of 100k eval results, against plain SQLite reads and writes of the same rows in the same run. */
export async function benchBundles(): Promise<string> {
  const a = installation('a');
  const b = installation('b');
  try {
    const runId = seed(a.db);
    // References: the floor any export must pay (read every row, serialise it) and any import (insert every row in one transaction).
    const readRef = time(() => JSON.stringify(a.db.prepare('SELECT * FROM eval_results WHERE run_id = ?').all(runId)).length);
    const rows = a.db.prepare('SELECT * FROM eval_results WHERE run_id = ?').all(runId) as Array<Record<string, unknown>>;
    const scratch = installation('ref');
    seed(scratch.db);
    const writeRef = time(() => writeTransaction(scratch.db, () => {
      scratch.db.prepare("INSERT INTO eval_runs (id, name, suite_json, dataset_version_id, status, total_items, created_by, created_at) VALUES ('copy', 'copy', '{}', 1, 'succeeded', 0, 'x', 'x')").run();
      const insert = scratch.db.prepare(`INSERT INTO eval_results (run_id, case_id, prompt_key, model, status, rendered_json, output, metrics_json, assertions_json, passed, latency_ms, prompt_tokens, completion_tokens, created_at)
        VALUES ('copy', @case_id, @prompt_key, @model, @status, @rendered_json, @output, @metrics_json, @assertions_json, @passed, @latency_ms, @prompt_tokens, @completion_tokens, @created_at)`);
      for (const row of rows) insert.run(row);
    }));
    scratch.db.close();
    rmSync(scratch.dir, { recursive: true, force: true });

    const exported = time(() => a.service.export({ runs: [runId] }, undefined, 'bench'));
    const me = a.service.identity();
    b.repo.addTrust({ name: 'a', fingerprint: me.fingerprint, signingKey: me.signingPublicPem, agreementKey: me.agreementPublicPem, syncUrl: null, addedBy: 'bench', addedAt: new Date().toISOString() });
    const inspected = time(() => b.service.inspect(exported.value.file));
    const imported = time(() => b.service.import(exported.value.file, { dryRun: false, actor: 'bench' }));
    const again = time(() => b.service.import(exported.value.file, { dryRun: false, actor: 'bench' }));
    const count = (b.db.prepare('SELECT count(*) AS n FROM eval_results WHERE run_id = ?').get(runId) as { n: number }).n;
    if (count !== RESULTS || imported.value.merged === 0 || again.value.merged !== 0) throw new Error(`bundle bench: imported ${count} results, merged ${imported.value.merged} then ${again.value.merged}`);
    const bytes = exported.value.file.length;
    const lines = [
      '### Bundles: export and import of 100k eval results',
      '',
      `One finished run of ${fmt(RESULTS)} results (${fmt(CASES)} cases × ${PROMPTS} prompts × ${MODELS} models), exported as one signed bundle by installation A and merged by installation B (separate data directories, real SQLite files). References, measured in the same run: reading and JSON-serialising the same rows (the floor of any export), and inserting them in one transaction (the floor of any import).`,
      '',
      '| step | time | ratio to reference |',
      '|---|---:|---:|',
      `| reference: read + serialise ${fmt(RESULTS)} rows | ${secs(readRef.ms)} s | 1.00× |`,
      `| export (collect, hash ${fmt(exported.value.objects)} objects, sign) | ${secs(exported.ms)} s | ${(exported.ms / readRef.ms).toFixed(2)}× |`,
      `| inspect on B (verify signature and every hash, plan) | ${secs(inspected.ms)} s | ${(inspected.ms / readRef.ms).toFixed(2)}× |`,
      `| reference: insert ${fmt(RESULTS)} rows in one transaction | ${secs(writeRef.ms)} s | 1.00× |`,
      `| import on B (verify, plan, merge in one transaction, provenance) | ${secs(imported.ms)} s | ${(imported.ms / writeRef.ms).toFixed(2)}× |`,
      `| import again (everything exists: nothing written) | ${secs(again.ms)} s | ${(again.ms / writeRef.ms).toFixed(2)}× |`,
      '',
      `Bundle size: ${(bytes / 1024 / 1024).toFixed(1)} MiB (${Math.round(bytes / RESULTS)} bytes per result; not compressed). Export runs at ${fmt(Math.round(RESULTS / (exported.ms / 1000)))} results/s, import at ${fmt(Math.round(RESULTS / (imported.ms / 1000)))} results/s.`,
    ];
    return lines.join('\n');
  } finally {
    for (const i of [a, b]) {
      i.db.close();
      rmSync(i.dir, { recursive: true, force: true });
    }
  }
}
