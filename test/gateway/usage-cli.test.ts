import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { CliContext } from '../../electron/cli/cli-context.js';
import { routesCommand } from '../../electron/cli/commands/routes.command.js';
import { pricesCommand, quotasCommand, usageCommand } from '../../electron/cli/commands/usage.command.js';
import { generateCommand } from '../../electron/cli/commands/generate.command.js';
import { Output } from '../../electron/cli/output.js';
import type { Route, UsageSummary } from '../../electron/core/contract/usage.api.js';
import { isAppError } from '../../electron/core/contract/errors.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { models, tempDir } from '../helpers/fixtures.js';

/**
 * `enclave routes`, `usage`, `quotas` and `prices`: the commands run in this process against one core (a child process
 * per call costs seconds each), and one real `enclave usage --json` child process reads what they left in the data dir.
 */
describe('gateway policies from the CLI', () => {
  const temp = tempDir('enclave-usage-cli-');
  const dataDir = path.join(temp.dir, 'data');
  let core: CoreHandle;
  const run = async (command: (cli: CliContext, argv: string[]) => Promise<unknown>, argv: string[]) => {
    const json = argv.includes('--json');
    const cli = new CliContext(core, new Output(json));
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    try {
      await command(cli, argv);
    } finally {
      spy.mockRestore();
    }
    return { stdout, json: <T>() => JSON.parse(stdout) as T };
  };

  beforeAll(async () => {
    core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    await coreClient(core).job('models.import', { path: models.stories, name: 'stories', approve: true });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('add a route, generate through it, read usage by model and route, set prices and a quota that stops the user', async () => {
    const added = await run(routesCommand, ['add', 'auto', '--default', 'stories', '--rule', 'target=stories,max-tokens=50,max-complexity=0.4,tags=chat+faq', '--retries', '1', '--json']);
    expect(added.json<Route>()).toMatchObject({ name: 'auto', rules: [{ target: 'stories', maxPromptTokens: 50, maxComplexity: 0.4, tags: ['chat', 'faq'] }], retries: 1 });
    await run(routesCommand, ['add', 'auto', '--default', 'stories', '--rule', 'target=stories,max-tokens=50,max-complexity=0.4']);
    expect((await run(routesCommand, ['list'])).stdout).toMatch(/auto\s+stories\s+stories/);
    expect((await run(routesCommand, ['explain', 'auto', 'Once upon a time'])).stdout).toMatch(/stories \(rule 1; complexity/);
    await expect(run(routesCommand, ['add', 'x', '--default', 'stories', '--rule', 'size=big'])).rejects.toThrow(/not one of target/);

    await run(pricesCommand, ['set', '--endpoint', 'local', '--model', 'stories', '--per-1k-in', '2', '--per-1k-out', '4']);
    expect((await run(pricesCommand, ['list'])).stdout).toMatch(/local\s+stories\s+2\s+4/);

    await run(generateCommand, ['--model', 'auto', '--prompt', 'Once upon a time', '--max-tokens', '6', '--temperature', '0', '--json']);
    const summary = (await run(usageCommand, ['--since', '7d', '--by', 'model', '--json'])).json<UsageSummary>();
    expect(summary.rows).toEqual([expect.objectContaining({ key: 'stories', requests: 1 })]);
    expect(summary.rows[0]!.cost).toBeGreaterThan(0);
    expect(summary.routes[0]).toMatchObject({ route: 'auto', targets: [{ target: 'stories', share: 1 }] });
    expect((await run(usageCommand, ['--by', 'route'])).stdout).toMatch(/Cache: 0 of 1 lookups hit[\s\S]*auto: stories 100%/);
    expect((await run(usageCommand, ['cache-clear', '--model', 'stories'])).stdout).toContain('Removed 1 cached answer(s)');

    const me = os.userInfo().username;
    await run(quotasCommand, ['set', 'user', me, '--tokens-per-day', '3']);
    expect((await run(quotasCommand, ['list'])).stdout).toContain(`user:${me}`);
    const refused = await run(generateCommand, ['--model', 'auto', '--prompt', 'Another tale', '--max-tokens', '6', '--json']).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('QUOTA_EXCEEDED');
    expect((await run(quotasCommand, ['remove', 'user', me])).stdout).toContain('Removed');
  }, 120_000);

  test('`enclave usage --json` in its own process reads the same data directory', async () => {
    await core.close();
    const usage = await runCli(['usage', '--since', '7d', '--by', 'user', '--json', '--data-dir', dataDir, '--models-dir', temp.dir], { timeoutMs: 60_000 });
    expect(usage.code, usage.stderr).toBe(0);
    // The refused request never ran: it is not usage.
    expect(usage.json<UsageSummary>().rows).toEqual([expect.objectContaining({ key: os.userInfo().username, requests: 1, failures: 0, tokensOut: 6 })]);
    core = createInProcessCore({ dataDir, modelsDir: temp.dir });
  }, 90_000);
});
