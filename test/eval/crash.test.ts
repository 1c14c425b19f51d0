import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import type { CoreEvent } from '../../electron/core/contract/events.js';
import type { EvalRun } from '../../electron/core/contract/eval.api.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { repoRoot, tempDir } from '../helpers/fixtures.js';
import { storySuite } from './helpers/fixtures.js';

interface Row { id: number; case_id: number; output: string; created_at: string }

function storedResults(dbFile: string): Row[] {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT id, case_id, output, created_at FROM eval_results ORDER BY id').all() as Row[];
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}

describe('an eval run killed mid-way resumes without redoing finished cases', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  test('SIGKILL the process running the eval, then resume it from another process', async () => {
    const dataDir = path.join(temp.dir, 'data');
    const dbFile = path.join(dataDir, 'enclave.db');
    const suiteFile = path.join(temp.dir, 'suite.yaml');
    const CASES = 48;
    writeFileSync(suiteFile, storySuite(CASES, 48));

    // `enclave eval run` in a child process; killed once it has stored some results, at an arbitrary point of its work.
    const cli = path.join(repoRoot, 'electron/cli/main.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'eval', 'run', suiteFile, '--concurrency', '4', '--data-dir', dataDir, '--models-dir', temp.dir], { cwd: repoRoot, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killedAfter = 0;
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        const rows = storedResults(dbFile);
        if (rows.length >= 10) {
          clearInterval(poll);
          killedAfter = rows.length;
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        if (killedAfter === 0) reject(new Error('the eval process ended before it could be killed'));
      });
    });
    await exited;
    const before = storedResults(dbFile);
    expect(before.length).toBeGreaterThanOrEqual(killedAfter);
    expect(before.length).toBeLessThan(CASES);

    const core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    const client = coreClient(core);
    try {
      const [crashed] = await client.call<EvalRun[]>('eval.runs.list', {});
      // Still marked running, but its process is gone: interrupted.
      expect(crashed).toMatchObject({ status: 'running', interrupted: true, doneItems: before.length, totalItems: CASES });

      const generated: string[] = [];
      const unsubscribe = core.subscribe((event: CoreEvent) => {
        if (event.topic === 'inference.completed') generated.push(event.data.jobId);
      });
      const resumed = await client.job<EvalRun>('eval.runs.resume', { runId: crashed!.id });
      unsubscribe();
      expect(resumed).toMatchObject({ status: 'succeeded', doneItems: CASES, interrupted: false });
      // Only the unfinished cases were generated again.
      expect(generated).toHaveLength(CASES - before.length);

      const after = storedResults(dbFile);
      expect(after).toHaveLength(CASES);
      expect(new Set(after.map((r) => r.case_id)).size).toBe(CASES);
      for (const row of before) expect(after.find((r) => r.id === row.id)).toEqual(row);
    } finally {
      await core.close();
    }
  }, 120_000);
});
