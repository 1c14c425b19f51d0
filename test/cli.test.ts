import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli.js';
import { models, tempDir } from './helpers/fixtures.js';

describe('enclave CLI (a real process on a real data directory)', () => {
  const temp = tempDir();
  const data = ['--data-dir', path.join(temp.dir, 'data')];
  afterAll(() => temp.cleanup());

  test('models add → the stored model as JSON', async () => {
    const run = await runCli(['models', 'add', models.stories, '--json', ...data]);
    expect(run.code).toBe(0);
    const model = run.json<Record<string, unknown>>();
    expect(model).toMatchObject({ name: 'stories260K', architecture: 'llama', sizeBytes: 1_185_376, sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d' });
    expect(typeof model.id).toBe('string');
  });

  test('models add with --name and --role, list and inspect', async () => {
    expect((await runCli(['models', 'add', models.tinyLlama, '--name', 'judge-1', '--role', 'judge', '--json', ...data])).code).toBe(0);
    const list = await runCli(['models', 'list', '--json', ...data]);
    expect(list.json<Array<{ name: string; role: string }>>().map((m) => [m.name, m.role])).toEqual([['judge-1', 'judge'], ['stories260K', 'chat']]);
    const inspect = await runCli(['models', 'inspect', 'judge-1', '--json', ...data]);
    expect(inspect.json<{ architecture: string; metadata: object }>()).toMatchObject({ architecture: 'llama', metadata: expect.any(Object) });
    const human = await runCli(['models', 'list', ...data]);
    expect(human.stdout).toMatch(/^name\s+role\s+approval/);
  });

  test('generate --json gives text and stats; stories260K writes about Lily', async () => {
    const run = await runCli(['generate', '--model', 'stories260K', '--prompt', 'Once upon a time', '--max-tokens', '40', '--temperature', '0', '--seed', '1', '--json', ...data]);
    expect(run.code).toBe(0);
    const result = run.json<Record<string, number | string>>();
    expect(result.text).toContain('Lily');
    for (const key of ['promptTokens', 'completionTokens', 'ttftMs', 'tokensPerSecond']) expect(typeof result[key]).toBe('number');
    expect(result.completionTokens).toBe(40);
  });

  test('generate by path streams text in human mode', async () => {
    const run = await runCli(['generate', '--model', models.stories, '--prompt', 'Once upon a time', '--max-tokens', '24', '--temperature', '0', ...data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Lily');
    expect(run.stderr).toMatch(/tok\/s/);
  });

  test('errors print {"error":{code,message}} with --json and exit non-zero', async () => {
    const junk = path.join(temp.dir, 'junk.gguf');
    writeFileSync(junk, 'not a model');
    const cases: Array<[string[], string, number]> = [
      [['models', 'add', junk], 'MODEL_INVALID', 4],
      [['models', 'add', path.join(temp.dir, 'missing.gguf')], 'MODEL_NOT_FOUND', 3],
      [['models', 'inspect', 'nope'], 'MODEL_NOT_FOUND', 3],
      [['generate', '--model', 'stories260K', '--prompt', ''], 'INVALID_INPUT', 2],
      [['generate', '--model', 'stories260K', '--prompt', 'hi', '--max-tokens', '10000000'], 'INVALID_INPUT', 2],
      [['generate', '--model', 'stories260K', '--prompt', 'hi', '--max-tokens', 'lots'], 'INVALID_INPUT', 2],
      [['models', 'add', models.stories, '--bogus-flag'], 'INVALID_INPUT', 2],
      [['frobnicate'], 'INVALID_INPUT', 2],
    ];
    for (const [args, code, exit] of cases) {
      const run = await runCli([...args, '--json', ...data]);
      expect({ args, exit: run.code }).toEqual({ args, exit });
      expect(run.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code, message: expect.any(String) });
    }
    const list = await runCli(['models', 'list', '--json', ...data]);
    expect(list.json<unknown[]>()).toHaveLength(2);
  }, 180_000); // nine CLI processes in a row: on a loaded 2-core machine each start can take seconds

  test('models scan says which folder it scanned and what it found there', async () => {
    const folder = path.join(temp.dir, 'scan-models');
    mkdirSync(folder);
    copyFileSync(models.stories, path.join(folder, 'stories.gguf'));
    writeFileSync(path.join(folder, 'broken.gguf'), 'nope');
    const run = await runCli(['models', 'scan', '--models-dir', folder, '--data-dir', path.join(temp.dir, 'scan-data')]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`Scanned ${folder}: 1 model added, 1 skipped`);
  });

  test('a human-mode error is one readable line on stderr', async () => {
    const run = await runCli(['models', 'inspect', 'nope', ...data]);
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toMatch(/^enclave: No model "nope" in the library.*\[MODEL_NOT_FOUND\]$/);
  });
});
