import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli.js';
import { models, tempDir } from './helpers/fixtures.js';

// Issue 9: `enclave --data-dir X models list` failed with `Unknown command "--data-dir"`.
describe('global CLI options work anywhere on the line (a real process)', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());

  test('--data-dir and --json before the command, between command and verb, and after', async () => {
    const add = await runCli(['--data-dir', dataDir, '--json', 'models', 'add', models.stories]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.json<{ name: string }>().name).toBe('stories260K');

    const lines: string[][] = [
      [`--data-dir=${dataDir}`, 'models', '--json', 'list'],
      ['models', '--data-dir', dataDir, 'list', '--role', 'chat', '--json'],
    ];
    for (const line of lines) {
      const run = await runCli(line);
      expect({ line, code: run.code, stderr: run.stderr }).toEqual({ line, code: 0, stderr: '' });
      expect(run.json<Array<{ name: string }>>().map((m) => m.name)).toEqual(['stories260K']);
    }
  });

  test('--models-dir before the command and --help anywhere', async () => {
    const info = await runCli(['--models-dir', path.join(temp.dir, 'weights'), '--data-dir', dataDir, 'info', '--json']);
    expect(info.code).toBe(0);
    expect(info.json<{ modelsDir: string; dataDir: string }>()).toMatchObject({ modelsDir: path.join(temp.dir, 'weights'), dataDir });
    for (const line of [['--data-dir', dataDir, '--help'], ['models', '-h', 'list']]) {
      const run = await runCli(line);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: enclave <command>');
    }
  });

  test('a command option before the command, or a global option without its value, is refused by name', async () => {
    const early = await runCli(['--role', 'chat', 'models', 'list', '--json', '--data-dir', dataDir]);
    expect(early.code).toBe(2);
    expect(early.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"--role"') });
    const bare = await runCli(['models', 'list', '--json', '--data-dir']);
    expect(bare.code).toBe(2);
    expect(bare.json<{ error: { message: string } }>().error.message).toContain('--data-dir needs a directory');
  });
});
