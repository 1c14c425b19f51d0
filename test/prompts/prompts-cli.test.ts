import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseVariable } from '../../electron/cli/commands/prompts.command.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

describe('enclave prompts', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());
  const cli = (args: string[], json = true) => runCli(['prompts', ...args, '--data-dir', dataDir, '--models-dir', temp.dir, ...(json ? ['--json'] : [])], { timeoutMs: 120_000 });

  test('--var specs', () => {
    expect(parseVariable('topic')).toEqual({ name: 'topic', type: 'string', required: true });
    expect(parseVariable('count:number?')).toEqual({ name: 'count', type: 'number', required: false });
    expect(parseVariable('count:number=3')).toEqual({ name: 'count', type: 'number', required: false, default: 3 });
    expect(() => parseVariable('bad name')).toThrow(/--var "bad name" must look like/);
  });

  test('create, version, diff, label, rollback, list and show', async () => {
    const userFile = path.join(temp.dir, 'user.txt');
    writeFileSync(userFile, 'Write about {{topic}}.\nKeep it short.');
    const created = await cli(['create', 'writer', '--user-file', userFile, '--system', 'You write.', '--var', 'topic:string', '-m', 'first']);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ name: 'writer', version: '1.0.0', message: 'first', variables: [{ name: 'topic', type: 'string' }] });

    const typo = await cli(['version', 'writer', '--user', 'Write about {{topc}}.', '-m', 'typo']);
    expect(typo.code).toBe(2);
    expect(typo.json<{ error: { message: string } }>().error.message).toContain('Unknown variable "topc" in the user template, line 1, column 13');

    const v2 = await cli(['version', 'writer', '--user', 'Write about {{topic}} for {{reader}}.\nKeep it short.', '--var', 'topic:string', '--var', 'reader:string?=children', '-m', 'audience']);
    expect(v2.json()).toMatchObject({ previous: '1.0.0', version: { version: '2.0.0' }, suggestion: { bump: 'major' } });

    const diff = await cli(['diff', 'writer', '1.0.0', '2.0.0'], false);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('1.0.0 → 2.0.0');
    expect(diff.stdout).toMatch(/Write about \{\{topic\}\}\. +\| Write about \{\{topic\}\} for \{\{reader\}\}\./);
    expect(diff.stdout).toContain('suggested bump: major (variable added: reader');

    expect((await cli(['label', 'writer', 'production', '1.0.0'])).json()).toMatchObject({ label: 'production', version: '1.0.0', previous: null });
    expect((await cli(['label', 'writer', 'production', '2.0.0'])).json()).toMatchObject({ version: '2.0.0', previous: '1.0.0' });
    const back = await cli(['rollback', 'writer', 'production'], false);
    expect([back.code, back.stdout.trim()]).toEqual([0, 'production rolled back to 1.0.0 (was 2.0.0)']);

    const list = await cli(['list'], false);
    expect(list.stdout).toMatch(/writer\s+2\.0\.0\s+2\s+production=1\.0\.0/);
    const show = await cli(['show', 'writer@production']);
    expect(show.json()).toMatchObject({ version: { version: '1.0.0', labels: ['production'] }, versions: [{ version: '2.0.0' }, { version: '1.0.0' }] });
    const missing = await cli(['show', 'nobody']);
    expect([missing.code, missing.json<{ error: { code: string } }>().error.code]).toEqual([3, 'PROMPT_NOT_FOUND']);
  }, 300_000); // a dozen CLI processes: generous for a loaded 2-core machine

  test('prompts ab: create between two labels, record outcomes by arm, show, roll back; a bad flag is named', async () => {
    await cli(['create', 'greeter', '--user', 'Greet {{who}}.', '-m', 'first']);
    await cli(['version', 'greeter', '--user', 'Greet {{who}} warmly.', '-m', 'warmer', '--bump', 'minor']);
    await cli(['label', 'greeter', 'production', '1.0.0']);
    await cli(['label', 'greeter', 'staging', '1.1.0']);

    const created = await cli(['ab', 'create', 'greeter', '--control', 'production', '--candidate', 'staging', '--percent', '20', '--metric', 'feedback', '--threshold', '0.1', '--min-samples', '30', '--name', 'warmth']);
    expect(created.code).toBe(0);
    const test = created.json<{ id: string }>();
    expect(created.json()).toMatchObject({ prompt: 'greeter', name: 'warmth', status: 'running', controlLabel: 'production', candidateLabel: 'staging', candidatePercent: 20, monitor: { metric: 'feedback', threshold: 0.1, minSamples: 30 } });

    for (const [arm, values] of [['control', ['0.4', '0.6']], ['candidate', ['0.8', '0.9', '1']]] as const) {
      for (const value of values) expect((await cli(['ab', 'record', test.id, '--arm', arm, '--metric', 'feedback', '--value', value])).json()).toMatchObject({ recorded: true, autoRolledBack: false });
    }
    const show = await cli(['ab', 'show', test.id]);
    const shown = show.json<{ arms: Array<{ arm: string; label: string; version: string; n: number; mean: number }>; significance: { metric: string } }>();
    expect(shown.arms.map(({ arm, label, version, n }) => ({ arm, label, version, n }))).toEqual([
      { arm: 'control', label: 'production', version: '1.0.0', n: 2 },
      { arm: 'candidate', label: 'staging', version: '1.1.0', n: 3 },
    ]);
    expect(shown.arms.map((a) => a.mean)).toEqual([expect.closeTo(0.5, 9), expect.closeTo(0.9, 9)]);
    expect(shown.significance.metric).toBe('feedback');

    const human = await cli(['ab', 'show', test.id], false);
    expect(human.stdout).toMatch(/^arm +label +version +n +mean +sd$/m);
    expect(human.stdout).toMatch(/^control +production +1\.0\.0 +2 +0\.500 +0\.141$/m);
    expect(human.stdout).toMatch(/^candidate +staging +1\.1\.0 +3 +0\.900 +0\.100$/m);
    expect(human.stdout).toMatch(/^feedback: candidate \+0\.400 vs control \(t = [\d.]+, df = [\d.]+, p [=<] [\d.]+\): (not )?significant$/m);
    expect((await cli(['ab', 'list', 'greeter'], false)).stdout).toMatch(/warmth +running +production 80% \/ staging 20% +feedback +2 \/ 3/);

    const noArm = await cli(['ab', 'record', test.id, '--metric', 'feedback', '--value', '1']);
    expect([noArm.code, noArm.json<{ error: { message: string } }>().error.message]).toEqual([2, expect.stringContaining('--subject S (its arm is looked up) or --arm')]);

    const rolledBack = await cli(['ab', 'rollback', test.id, '--reason', 'too sugary'], false);
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('Rolled back: everyone gets production again');
    expect(rolledBack.stdout).toContain('[rolled back]');
    expect((await cli(['ab', 'show', test.id])).json()).toMatchObject({ status: 'rolled_back', decision: { reason: 'too sugary' } });
    expect((await cli(['show', 'greeter@production'])).json()).toMatchObject({ version: { version: '1.0.0' } });

    const badPercent = await cli(['ab', 'create', 'greeter', '--control', 'production', '--candidate', 'staging', '--percent', '150']);
    expect([badPercent.code, badPercent.json<{ error: { message: string } }>().error.message]).toEqual([2, '--percent must be from 0 to 100, got 150']);
    const plain = await cli(['ab', 'create', 'greeter', '--control', 'production', '--candidate', 'staging', '--percent', '150'], false);
    expect([plain.code, plain.stderr.trim()]).toEqual([2, 'enclave: --percent must be from 0 to 100, got 150 [INVALID_INPUT]']);
    expect((await cli(['ab', 'list', 'greeter'])).json()).toHaveLength(1);
  }, 300_000); // a dozen CLI processes: generous for a loaded 2-core machine

  test('run a prompt by label with guard overrides from a file; streamed text and the final answer agree', async () => {
    const guardFile = path.join(temp.dir, 'guard.json');
    writeFileSync(guardFile, JSON.stringify({ input: { pii: { action: 'block' } } }));
    await cli(['create', 'tale', '--user', 'Once upon a time {{hero}}', '--kind', 'completion', '--var', 'hero:string', '--max-tokens', '8', '--temperature', '0', '-m', 'first']);
    const strict = await cli(['version', 'tale', '--guard', guardFile, '-m', 'refuse personal data']);
    expect(strict.json()).toMatchObject({ version: { version: '1.1.0', guard: { input: { pii: { action: 'block' } } } }, suggestion: { bump: 'minor' } });
    await cli(['label', 'tale', 'production', '1.0.0']);

    const model = path.resolve('../shared/models/stories260K.gguf');
    // Registry prompt runs are a production path: the model must be in the library and approved.
    expect((await runCli(['models', 'add', model, '--approve', '--reason', 'test fixture', '--data-dir', dataDir, '--models-dir', temp.dir, '--json'], { timeoutMs: 120_000 })).code).toBe(0);
    const run = await cli(['run', 'tale@production', '--vars', '{"hero":"a fox"}', '--model', model]);
    expect(run.code).toBe(0);
    const result = run.json<{ version: string; text: string; completionTokens: number; blocked: boolean }>();
    expect(result).toMatchObject({ version: '1.0.0', blocked: false });
    expect(result.completionTokens).toBeGreaterThan(0);
    const plain = await cli(['run', 'tale@production', '--vars', '{"hero":"a fox"}', '--model', model], false);
    expect(plain.stdout.trim()).toBe(result.text.trim());

    const refused = await cli(['run', 'tale@1.1.0', '--vars', '{"hero":"jane.doe@example.com"}', '--model', model]);
    expect(refused.json()).toMatchObject({ blocked: true, completionTokens: 0 });
    const badVars = await cli(['run', 'tale', '--vars', '{hero']);
    expect([badVars.code, badVars.json<{ error: { message: string } }>().error.message]).toEqual([2, '--vars must be a JSON object, e.g. \'{"topic":"cats"}\'']);
  }, 300_000); // a dozen CLI processes: generous for a loaded 2-core machine
});
