import type { Db } from '../../../../native/sqlite/open.js';

/** The latest finished run whose gate passed and that evaluated this prompt version: what a protected label needs. */
export function passingGateRun(db: Db, promptVersionId: number): string | null {
  const row = db
    .prepare(`SELECT r.id FROM eval_run_prompt_versions v JOIN eval_runs r ON r.id = v.run_id
      WHERE v.prompt_version_id = ? AND r.status = 'succeeded' AND r.gate_passed = 1 ORDER BY r.ended_at DESC LIMIT 1`)
    .get(promptVersionId) as { id: string } | undefined;
  return row?.id ?? null;
}
