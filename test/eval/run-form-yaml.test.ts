import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { metricNames } from '../../electron/core/eval/metrics/score-file.js';
import { SuiteFile } from '../../electron/core/eval/suites/suite.schema.js';
import { emptyForm, FORM_ASSERTIONS, FORM_METRICS, formYaml } from '../../renderer/features/evaluations/run-form.js';

// The run form writes the YAML that runs; it must be a suite the core's own schema accepts.
describe('run form → suite YAML', () => {
  it('a filled form is a valid suite naming the dataset version, prompts, models, metrics, judge, assertions and gate', () => {
    const form = {
      ...emptyForm(),
      description: 'nightly',
      dataset: 'qa',
      datasetVersion: '2',
      prompts: ['story-qa@1.0.0', 'story-qa@prod'],
      models: ['stories260K'],
      metrics: ['bleu', 'rougeL'],
      judge: 'stories260K',
      assertions: [{ type: 'icontains', value: 'cat' }, { type: 'is-json', value: '' }, { type: 'latency', value: '500' }, { type: 'contains', value: '' }],
      passRate: '0.5',
    };
    const parsed = SuiteFile.parse(parse(formYaml(form)));
    expect(parsed.dataset).toBe('qa@2');
    expect(parsed.prompts).toEqual(['story-qa@1.0.0', 'story-qa@prod']);
    expect(parsed.providers).toEqual([{ id: 'stories260K', config: { maxTokens: 64 } }]);
    expect(parsed.judge?.model).toBe('stories260K');
    expect(parsed.defaultTest?.assert?.map((a) => a.type)).toEqual(['icontains', 'is-json', 'latency']);
    expect(parsed.defaultTest?.assert?.[2]?.threshold).toBe(500);
    expect(parsed.thresholds?.passRate).toBe(0.5);
  });

  it('an empty form leaves fields out, so the core names what is missing', () => {
    expect(SuiteFile.safeParse(parse(formYaml(emptyForm())) ?? {}).success).toBe(false);
  });

  it('offers only metrics and assertion types the schema knows', () => {
    for (const m of FORM_METRICS) expect(metricNames).toContain(m);
    for (const type of FORM_ASSERTIONS) expect(SuiteFile.safeParse({ prompts: ['x'], providers: ['m'], tests: [{ assert: [{ type, value: 'a' }] }] }).success).toBe(true);
  });
});
