import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JudgeVerdict, PairwiseVerdict } from '../../electron/core/contract/eval.api.js';
import type { GenerateInput, GenerationResult } from '../../electron/core/contract/schemas.js';
import { gradePairwise, singleSchema } from '../../electron/core/eval/judge/judge.js';
import { defaultRubric } from '../../electron/core/eval/judge/rubric.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';
import { shortRubric, storiesModel } from './helpers/fixtures.js';

/** A judge that answers from a script: which response it prefers, by the text it is shown first. */
function scriptedJudge(prefers: (first: string, second: string) => 'A' | 'B' | 'tie') {
  const seen: GenerateInput[] = [];
  const generate = async (input: GenerateInput): Promise<GenerationResult> => {
    seen.push(input);
    const text = input.messages?.at(-1)?.content ?? '';
    const first = /Response A:\n(.*)\n/.exec(text)?.[1] ?? '';
    const second = /Response B:\n(.*)\n/.exec(text)?.[1] ?? '';
    const winner = prefers(first, second);
    return { text: JSON.stringify({ reasoning: `saw ${first} then ${second}`, winner }), promptTokens: 1, completionTokens: 1, ttftMs: 0, tokensPerSecond: 0, totalMs: 1, stopReason: 'eos', mode: 'chat' };
  };
  return { generate, seen };
}

describe('LLM-as-judge: forced JSON verdicts, both orders for pairwise', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('the default rubric has the five criteria with five level descriptions each; the schema forces integers 1–5', () => {
    expect(defaultRubric.criteria.map((c) => c.name)).toEqual(['relevance', 'accuracy', 'coherence', 'safety', 'tone']);
    expect(defaultRubric.criteria.every((c) => c.levels.length === 5)).toBe(true);
    const schema = singleSchema(['relevance'], 100) as { properties: { scores: { properties: Record<string, unknown> }; reasoning: unknown }; required: string[] };
    expect(schema.properties.scores.properties.relevance).toEqual({ enum: [1, 2, 3, 4, 5] });
    expect(schema.required).toEqual(['reasoning', 'scores']);
  });

  test('a real (tiny) judge returns a schema-valid verdict with its reasoning, for the default rubric too', async () => {
    for (const rubric of [{ criteria: shortRubric }, undefined]) {
      const verdict = await client.job<JudgeVerdict>('eval.judge.grade', { model: storiesModel, input: 'Tell a story about a cat.', output: 'Once upon a time there was a cat.', reference: 'A story about a cat.', rubric, maxTokens: 400 });
      const names = rubric ? ['quality'] : ['relevance', 'accuracy', 'coherence', 'safety', 'tone'];
      expect(Object.keys(verdict.scores)).toEqual(names);
      for (const score of Object.values(verdict.scores)) expect([1, 2, 3, 4, 5]).toContain(score);
      expect(typeof verdict.reasoning).toBe('string');
      expect(verdict.overall).toBeCloseTo(Object.values(verdict.scores).reduce((s, v) => s + v, 0) / names.length, 2);
    }
  });

  test('pairwise with a real judge runs both orders and combines them', async () => {
    const verdict = await client.job<PairwiseVerdict>('eval.judge.pairwise', { model: storiesModel, input: 'Tell a story.', outputA: 'Once upon a time there was a dog.', outputB: 'The end.', rubric: { criteria: shortRubric }, maxTokens: 300, reasoningChars: 120 });
    expect(verdict.orders.map((o) => o.order)).toEqual(['AB', 'BA']);
    for (const o of verdict.orders) expect(['A', 'B', 'tie']).toContain(o.winner);
    expect(verdict.consistent).toBe(verdict.orders[0]?.winner === verdict.orders[1]?.winner);
    expect(verdict.winner).toBe(verdict.consistent ? verdict.orders[0]?.winner : 'tie');
  });

  test('both orders are really asked: a consistent judge wins, a position-biased one ties', async () => {
    const fair = scriptedJudge((first, second) => (first === 'good' ? 'A' : second === 'good' ? 'B' : 'tie'));
    const signal = new AbortController().signal;
    const options = { model: 'm', rubric: { criteria: shortRubric }, maxTokens: 100 };
    const consistent = await gradePairwise(fair.generate, options, { input: 'q', outputA: 'bad', outputB: 'good' }, signal);
    expect(consistent).toMatchObject({ winner: 'B', consistent: true, orders: [{ order: 'AB', winner: 'B' }, { order: 'BA', winner: 'B' }] });
    // The second call showed the outputs the other way round.
    expect(fair.seen.map((i) => /Response A:\n(.*)\n/.exec(i.messages?.at(-1)?.content ?? '')?.[1])).toEqual(['bad', 'good']);
    expect(fair.seen.every((i) => (i.jsonSchema as { required: string[] }).required.join() === 'reasoning,winner')).toBe(true);

    const biased = scriptedJudge(() => 'A');
    const tie = await gradePairwise(biased.generate, options, { input: 'q', outputA: 'x', outputB: 'y' }, signal);
    expect(tie).toMatchObject({ winner: 'tie', consistent: false, orders: [{ winner: 'A' }, { winner: 'B' }] });
  });

  test('a judge that cannot finish its verdict within its token budget is a typed error', async () => {
    const error = await client.jobFailure('eval.judge.grade', { model: storiesModel, input: 'Tell a story.', output: 'Once upon a time.', rubric: { criteria: shortRubric }, maxTokens: 16 });
    expect(error.code).toBe('JUDGE_OUTPUT_INVALID');
    expect(error.details).toMatchObject({ reason: 'JUDGE_OUTPUT_INVALID', maxTokens: 16, stopReason: 'maxTokens' });
    expect(error.message).toContain('could not complete a schema-valid verdict within 16 tokens');
    const missing = await client.jobFailure('eval.judge.grade', { model: 'no-such-judge', input: 'x', output: 'y' });
    expect(missing.code).toBe('MODEL_NOT_FOUND');
  });
});
