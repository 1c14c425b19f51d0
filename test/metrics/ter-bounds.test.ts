import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

const words = (n: number, seed: number): string => {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push(`w${s % 500}`);
  }
  return out.join(' ');
};

// Issue 10.10: `metrics score --metrics ter` on a 10,000-word pair ran for minutes (every shift candidate
// allocated full-width edit-distance rows). Rows now hold only the beam, and segments over 2,000 words are refused.
describe('TER on long segments', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  test('a 10,000-word pair is refused at once with a clear error; a 1,000-word pair is scored', async () => {
    const huge = path.join(temp.dir, 'huge.jsonl');
    writeFileSync(huge, `${JSON.stringify({ id: 'doc', hypothesis: words(10_000, 1), references: [words(10_000, 2)] })}\n`);
    const refused = await runCli(['metrics', 'score', '--file', huge, '--metrics', 'ter', '--json'], { timeoutMs: 60_000 });
    expect(refused.code).toBe(2);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most 2000 words') });

    const long = path.join(temp.dir, 'long.jsonl');
    writeFileSync(long, `${JSON.stringify({ id: 'page', hypothesis: words(1000, 1), references: [words(1000, 2)] })}\n`);
    const scored = await runCli(['metrics', 'score', '--file', long, '--metrics', 'ter', '--json'], { timeoutMs: 60_000 });
    expect(scored.code).toBe(0);
    // The same score the unbeamed-row implementation gave (sacreBLEU's algorithm, unchanged).
    expect(scored.stdout).toMatch(/"ter":\s*98(\.0+)?\b/);
  }, 120_000);
});
