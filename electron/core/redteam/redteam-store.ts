import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.js';
import { RedteamRun, type RedteamRunInfo } from '../contract/redteam.api.js';

/**
 * Finished red-team runs, one JSON document each under `<dataDir>/redteam/runs/`. A run is written once, when it
 * ends, and never changed: a report artifact rather than rows other areas query, so it needs no table (and no
 * migration while the numbering of others' migrations is still open).
 */
export class RedteamStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'redteam', 'runs');
  }

  save(run: RedteamRun): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${run.id}.json`);
    // Written aside and renamed: a crash never leaves a half-written run that list would choke on.
    writeFileSync(`${file}.tmp`, JSON.stringify(run), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  get(runId: string): RedteamRun {
    if (!/^rt_[a-z0-9]+$/i.test(runId)) throw new AppError('NOT_FOUND', `No red-team run "${runId}"; \`enclave redteam list\` shows the runs`);
    try {
      return RedteamRun.parse(JSON.parse(readFileSync(path.join(this.dir, `${runId}.json`), 'utf8')));
    } catch {
      throw new AppError('NOT_FOUND', `No red-team run "${runId}"; \`enclave redteam list\` shows the runs`);
    }
  }

  list(limit: number): RedteamRunInfo[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith('.json'));
    } catch {
      return [];
    }
    const runs: RedteamRunInfo[] = [];
    for (const file of files) {
      try {
        const { results: _results, ...info } = RedteamRun.parse(JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')));
        runs.push(info);
      } catch {
        // A file someone else put there is not a run.
      }
    }
    return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }
}
