import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import type { EvalJudge } from './eval-types.js';
import { JudgeDetails } from './JudgeDetails.js';

test("a claim judge's error shows even without a rubric verdict", () => {
  const message = 'The claim judge qwen could not give 3 schema-valid verdicts within 512 tokens (stopped: maxTokens); raise rag.claimJudge.maxTokens in the suite';
  const judge: EvalJudge = { single: null, pairwise: null, error: { code: 'JUDGE_OUTPUT_INVALID', message } };
  const html = renderToStaticMarkup(createElement(JudgeDetails, { judge }));
  expect(html).toContain('data-testid="eval-judge-error"');
  expect(html).toContain('JUDGE_OUTPUT_INVALID');
  expect(html).toContain(`Judging failed: ${message}`);
  expect(html).not.toContain('eval-judge-single');
});
