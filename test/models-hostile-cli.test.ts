import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli.js';
import { models, tempDir } from './helpers/fixtures.js';
import { writeHostileGgufs } from './helpers/gguf-hostile.js';

// Security review, issue 10 point 5, through the `enclave` command: each crafted GGUF is refused with MODEL_INVALID
// (exit code 4), the CLI process ends normally (no abort), and the library stays empty.
describe('enclave models add refuses hostile GGUF files', () => {
  const temp = tempDir('enclave-hostile-cli-');
  const hostile = writeHostileGgufs(readFileSync(models.stories), temp.dir);
  const data = ['--data-dir', path.join(temp.dir, 'data')];
  afterAll(() => temp.cleanup());

  // Every CLI run is a whole process (its own core and inspector), seconds each on a busy machine: the two files that
  // took the server down or ate memory go through `models add`, all of them through one `models scan`.
  test.each(['string-2e31', 'array-2e32'])('models add %s.gguf: MODEL_INVALID, exit code 4, no abort', async (name) => {
    const h = hostile.find((x) => x.name === name) as (typeof hostile)[number];
    const run = await runCli(['models', 'add', h.file, '--json', ...data], { timeoutMs: 120_000 });
    expect(run.stderr).not.toMatch(/Assertion failed/);
    expect(run.code).toBe(4);
    expect(run.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(h.reason) });
  }, 150_000);

  test('models scan of a folder of hostile files: each skipped as MODEL_INVALID, none added; a real model still is', async () => {
    const run = await runCli(['models', 'scan', '--models-dir', temp.dir, '--json', ...data], { timeoutMs: 120_000 });
    expect(run.code).toBe(0);
    const result = run.json<{ added: unknown[]; skipped: Array<{ path: string; code: string; message: string }> }>();
    expect(result.added).toEqual([]);
    for (const h of hostile) {
      expect(result.skipped.find((s) => s.path === h.file), h.name).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(h.reason) });
    }
    const real = await runCli(['models', 'add', models.vocabLlama, '--json', ...data], { timeoutMs: 120_000 });
    expect(real.code).toBe(0);
    expect(real.json()).toMatchObject({ name: 'ggml-vocab-llama-spm', vocabOnly: true });
  }, 250_000);
});
