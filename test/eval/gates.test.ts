import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { EvalRun, RunComparison } from '../../electron/core/contract/eval.api.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { storySuite } from './helpers/fixtures.js';

describe('enclave eval run: gates and their exit codes', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());

  const write = (name: string, text: string): string => {
    const file = path.join(temp.dir, name);
    writeFileSync(file, text);
    return file;
  };
  const run = (args: string[], json = true) => runCli(['eval', ...args, '--data-dir', dataDir, '--models-dir', temp.dir, ...(json ? ['--json'] : [])], { timeoutMs: 120_000 });
  const passing = `defaultTest:\n  assert: [{ type: not-contains, value: "zzzz" }]\nthresholds:\n  passRate: 1\n  baseline: { maxRegressions: 0 }\n`;
  const failing = passing.replace('not-contains', 'contains');

  test('pass → 0, failed thresholds or regressions against a baseline → 1, errors → 2', async () => {
    const base = await run(['run', write('base.yaml', storySuite(8, 12, passing))]);
    expect(base.code).toBe(0);
    const baseRun = base.json<EvalRun>();
    expect(baseRun.gate).toMatchObject({ passed: true, checks: [{ name: 'passRate', passed: true, actual: 1 }] });

    const same = await run(['run', write('same.yaml', storySuite(8, 12, passing)), '--baseline', baseRun.id]);
    expect(same.code).toBe(0);
    const sameRun = same.json<EvalRun>();
    expect(sameRun.baselineRunId).toBe(baseRun.id);
    expect(sameRun.gate?.checks.map((c) => [c.name, c.passed])).toContainEqual(['baseline:regressions', true]);
    expect(sameRun.gate?.checks.find((c) => c.name === 'baseline:pass')).toMatchObject({ passed: true, actual: 0 });

    const worse = await run(['run', write('worse.yaml', storySuite(8, 12, failing)), '--baseline', baseRun.id]);
    expect(worse.code).toBe(1);
    const worseRun = worse.json<EvalRun>();
    expect(worseRun.status).toBe('succeeded');
    const failed = worseRun.gate?.checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual(['passRate', 'baseline:pass', 'baseline:regressions']);
    expect(worseRun.gate?.checks.find((c) => c.name === 'baseline:pass')?.message).toMatch(/pass 1 → 0 \(Δ -1, .*p = 0\.0005/);

    const compare = await run(['compare', baseRun.id, worseRun.id, '--metrics', 'pass,bleu']);
    expect(compare.code).toBe(0);
    const comparison = compare.json<RunComparison>();
    expect(comparison.paired).toBe(8);
    expect(comparison.regressions.filter((r) => r.metric === 'pass')).toHaveLength(8);
    expect(comparison.metrics.find((m) => m.metric === 'bleu')).toMatchObject({ delta: 0, pValue: 1, significant: false });

    const listed = await run(['list']);
    expect(listed.json<EvalRun[]>().map((r) => r.gate?.passed)).toEqual([false, true, true]);
  }, 120_000);

  test('a malformed suite, a missing model or a finished run to resume exit 2 with a typed error', async () => {
    const malformed = await run(['run', write('bad.yaml', 'prompts:\n  - raw: "x"\nproviders: [m]\ntests:\n  - vars: {}\n    assert:\n      - type: nope\n')]);
    expect(malformed.code).toBe(2);
    const error = malformed.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('SUITE_INVALID');
    expect(error.message).toContain('bad.yaml:7:15: tests[0].assert[0].type: Unknown assertion type "nope"');

    const noModel = await run(['run', write('nomodel.yaml', storySuite(1, 4).replace(/id: .*stories260K\.gguf/, 'id: missing-model'))]);
    expect(noModel.code).toBe(2);
    expect(noModel.json<{ error: { code: string } }>().error.code).toBe('MODEL_NOT_FOUND');

    const noFile = await run(['run', path.join(temp.dir, 'absent.yaml')]);
    expect([noFile.code, noFile.json<{ error: { code: string } }>().error.code]).toEqual([2, 'FILE_NOT_FOUND']);
    const [first] = (await run(['list'])).json<EvalRun[]>();
    const resume = await run(['resume', first!.id]);
    expect(resume.code).toBe(2);
    const human = await run(['run', path.join(temp.dir, 'bad.yaml')], false);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain('bad.yaml:7:15');
  }, 120_000);
});
