import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

describe('enclave openai-api (the desktop app\'s loopback /v1 setting)', () => {
  const temp = tempDir();
  const cli = (...args: string[]) => runCli(['--data-dir', path.join(temp.dir, 'data'), '--models-dir', temp.dir, '--json', 'openai-api', ...args]);
  afterAll(() => temp.cleanup());

  // Three CLI processes (each starts a core): kept few, since a loaded machine takes seconds per start.
  test('turned on with a port and kept; a bad port is refused (off by default: see openai-api.test.ts)', async () => {
    const on = await cli('set', '--on', '--port', '9123');
    expect(on.code).toBe(0);
    expect(on.json()).toEqual({ enabled: true, port: 9123 });
    expect((await cli('get')).json()).toEqual({ enabled: true, port: 9123 });
    const low = await cli('set', '--off', '--port', '80');
    expect(low.code).toBe(2);
    expect(low.stdout + low.stderr).toMatch(/port/);
  }, 180_000);
});
