import { describe, expect, test } from 'vitest';
import { claimJudge, claimVerdictSchema } from '../../electron/core/eval/rag/claim-judge.js';
import { ragScores } from '../../electron/core/eval/rag/rag-metrics.js';
import type { Generate } from '../../electron/core/eval/runs/generator.js';

/** A judge that answers from a fixed script: the parsing and the metric arithmetic are what is checked here. */
const scripted = (text: string, stopReason: 'eos' | 'maxTokens' = 'eos'): Generate => async () => ({ text, promptTokens: 1, completionTokens: 1, ttftMs: 0, tokensPerSecond: 0, totalMs: 0, stopReason, mode: 'chat' });

describe('claim verification by a judge model', () => {
  test('the schema asks for exactly one verdict per claim', () => {
    const schema = claimVerdictSchema(3, 100) as { properties: { verdicts: { minItems: number; maxItems: number } } };
    expect([schema.properties.verdicts.minItems, schema.properties.verdicts.maxItems]).toEqual([3, 3]);
  });

  test('faithfulness and hallucination follow the judge’s verdicts, not word overlap', async () => {
    const verdicts = JSON.stringify({ verdicts: [{ reason: 'stated', supported: true }, { reason: 'not in the passages', supported: false }] });
    const verify = claimJudge(scripted(verdicts), { model: 'judge', maxTokens: 256 });
    const scores = await ragScores(
      { question: 'How often?', answer: 'The pump is inspected monthly. The pump is inspected monthly by robots.', contexts: ['The pump is inspected every month.'], reference: null },
      { verify: (claims, contexts) => verify(claims, contexts, new AbortController().signal) },
    );
    expect(scores).toMatchObject({ method: 'judge', faithfulness: 0.5, hallucination: 1, unsupportedClaims: ['The pump is inspected monthly by robots.'] });
  });

  test('verdicts cut off by the token budget are a typed error naming the setting', async () => {
    const verify = claimJudge(scripted('{"verdicts":[{"reason":"sta', 'maxTokens'), { model: 'judge', maxTokens: 16 });
    await expect(verify(['a claim'], ['a context'], new AbortController().signal)).rejects.toMatchObject({ code: 'JUDGE_OUTPUT_INVALID', message: expect.stringContaining('rag.claimJudge.maxTokens') });
  });
});
