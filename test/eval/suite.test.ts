import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evalReasonOf } from '../../electron/core/eval/eval-errors.js';
import { parseSuite } from '../../electron/core/eval/suites/suite-loader.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';
import { storiesModel } from './helpers/fixtures.js';

function problems(text: string): Array<{ line: number | null; column: number | null; path: string; message: string }> {
  try {
    parseSuite(text, 'gate.yaml');
  } catch (error) {
    expect(evalReasonOf(error)).toBe('SUITE_INVALID');
    return (error as { details: { problems: never } }).details.problems;
  }
  throw new Error('the suite parsed');
}

describe('gate suites in YAML', () => {
  test('a promptfoo-shaped suite parses', () => {
    const suite = parseSuite(`
description: Support answers
prompts:
  - support@staging
  - id: terse
    raw: "Answer briefly: {{question}}"
providers:
  - ${storiesModel}
  - id: other.gguf
    label: other
    config: { temperature: 0, maxTokens: 32 }
defaultTest:
  assert:
    - type: not-icontains
      value: "as an AI"
tests:
  - vars: { question: "Reset my password?" }
    assert:
      - type: contains-any
        value: [reset, password]
      - type: bleu
        threshold: 10
metrics: [bleu, rougeL]
thresholds:
  passRate: 0.9
  metrics: { bleu: 20, latencyMs: { max: 5000 } }
  baseline: { maxRegressions: 0 }
`);
    expect(suite.prompts).toHaveLength(2);
    expect(suite.tests?.[0]?.assert.map((a) => a.type)).toEqual(['contains-any', 'bleu']);
    expect(suite.thresholds?.baseline?.significance).toBe(0.05);
  });

  test('YAML syntax errors are reported with line and column', () => {
    // The parser notices an unclosed [ where the next block starts.
    expect(problems('prompts:\n  - a@1.0.0\nproviders: [m\ntests:\n  - vars: {}\n')[0]).toEqual({ line: 4, column: 1, path: '', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' });
    expect(problems('prompts: [a@1.0.0]\nproviders: [m]\n  tests: x\n')[0]).toMatchObject({ line: 3, column: 1, message: 'All mapping items must start at the same column' });
    const duplicate = problems('prompts: [a@1.0.0]\nproviders: [m]\nproviders: [n]\ntests: [{ vars: {} }]\n');
    expect(duplicate[0]).toMatchObject({ line: 3, message: 'Map keys must be unique' });
  });

  test('schema errors point at the line of the wrong field', () => {
    const found = problems([
      'prompts:', //                       1
      '  - a@1.0.0', //                    2
      'providers: [m]', //                 3
      'tests:', //                         4
      '  - vars: { x: 1 }', //             5
      '    assert:', //                    6
      '      - type: contians', //         7
      '        value: x', //               8
      '  - vars: { x: 2 }', //             9
      '    asert: []', //                  10
      'thresholds:', //                    11
      '  passRate: 2', //                  12
      'metrics: [bleu, blue]', //          13
    ].join('\n'));
    expect(found.map((p) => [p.line, p.path]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [7, 'tests[0].assert[0].type'],
      [10, 'tests[1]'],
      [12, 'thresholds.passRate'],
      [13, 'metrics[1]'],
    ]);
    expect(found.find((p) => p.path === 'tests[0].assert[0].type')?.message).toContain('Unknown assertion type "contians"');
    expect(found.find((p) => p.path === 'tests[1]')?.message).toContain('asert');
    expect(found.find((p) => p.path === 'metrics[1]')?.message).toContain('Unknown metric "blue"');
  });

  test('tests and dataset are exclusive; a suite must be a mapping', () => {
    expect(problems('prompts: [a@1.0.0]\nproviders: [m]\n')[0]?.message).toContain('Give either `tests` or `dataset`');
    expect(problems('- just\n- a list\n')[0]).toMatchObject({ line: 1, message: expect.stringContaining('YAML mapping') });
  });
});

describe('resolving a suite against the registry, models and datasets', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
    await client.call('prompts.create', { name: 'story', kind: 'completion', user: 'Once upon a time, a {{animal}}' });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  const suite = (providers: string, tests = '  - vars: { animal: cat }') => `prompts: [story@1.0.0]\nproviders: [${providers}]\ntests:\n${tests}\n`;

  test('a missing model is MODEL_NOT_FOUND naming the suite entry', async () => {
    const error = await client.failure('eval.suites.validate', { suite: suite('no-such-model') });
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toContain('suite.yaml: providers[0] "no-such-model"');
  });

  test('a missing prompt version or dataset names the entry too', async () => {
    expect((await client.failure('eval.suites.validate', { suite: suite(storiesModel).replace('story@1.0.0', 'story@2.0.0') })).message).toContain('prompts[0]: Prompt "story" has no version 2.0.0');
    const noDataset = await client.failure('eval.suites.validate', { suite: `prompts: [story@1.0.0]\nproviders: [${storiesModel}]\ndataset: nope\n` });
    expect([noDataset.code, noDataset.message]).toEqual(['DATASET_NOT_FOUND', expect.stringContaining('dataset: No dataset named "nope"')]);
  });

  test('cases that cannot fill a prompt are suite errors before anything runs', async () => {
    const error = await client.failure('eval.suites.validate', { suite: suite(storiesModel, '  - vars: { animal: cat }\n  - vars: { colour: red }') });
    expect(evalReasonOf(error)).toBe('SUITE_INVALID');
    expect(error.message).toContain('case 2 (row 2): Missing variable "animal" for story@1.0.0');
  });

  test('an assertion value naming a variable a case does not provide is refused at validation and at run start', async () => {
    const text = [
      'prompts: [story@1.0.0]', `providers: [${storiesModel}]`,
      'defaultTest:', '  assert:', '    - { type: equals, value: "{{expected}}" }',
      'tests:', '  - vars: { animal: cat }', '    expected: a cat',
      '  - vars: { animal: dog }', '    assert:', '      - { type: contains-any, value: ["{{animal}}", "{{colour}}"] }',
    ].join('\n');
    for (const method of ['eval.suites.validate', 'eval.runs.start']) {
      const error = await client.failure(method, { suite: text });
      expect(evalReasonOf(error), method).toBe('SUITE_INVALID');
      expect(error.message).toContain('case 2 (row 2): defaultTest.assert[0] (equals) uses {{expected}}, which the case does not provide; it has: animal');
      expect(error.message).toContain('case 2 (row 2): assert[0] (contains-any) uses {{colour}}, which the case does not provide');
      expect(error.message).not.toContain('case 1 ');
    }
    const fixed = text.replace('{{colour}}', '{{reference}}').replace('  - vars: { animal: dog }', '  - vars: { animal: dog }\n    references: [a dog]');
    expect(await client.call('eval.suites.validate', { suite: fixed })).toMatchObject({ cases: 2, assertions: ['equals', 'contains-any'] });
  });

  test('a valid suite reports what it would run', async () => {
    const report = await client.call('eval.suites.validate', { suite: suite(storiesModel, '  - vars: { animal: cat }\n  - vars: { animal: dog }') });
    expect(report).toEqual({ name: 'suite', prompts: ['story@1.0.0'], models: [storiesModel], cases: 2, items: 2, assertions: [], gate: false });
  });
});
