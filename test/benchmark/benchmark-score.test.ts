import { describe, expect, test } from 'vitest';
import { hellaswagPreprocess, parseBenchmark } from '../../electron/core/eval/benchmark/benchmark-formats.js';
import { argmax, scoreItem, summarizeBenchmark, wilson } from '../../electron/core/eval/benchmark/benchmark-score.js';

describe('multiple-choice benchmark files parse into context + choices + gold', () => {
  test('HellaSwag: llama.cpp six-line text and the HF JSONL, with its preprocessing', () => {
    const txt = 'A man is sitting on a roof. he\n2\nis using wrap to wrap a pair of skis.\nis ripping level tiles off.\nis holding a rubik\'s cube.\nstarts pulling up roofing on a roof.\n';
    const [item] = parseBenchmark(txt, 'hellaswag');
    expect(item).toMatchObject({ context: 'A man is sitting on a roof. he', gold: 2, choices: [' is using wrap to wrap a pair of skis.', ' is ripping level tiles off.', " is holding a rubik's cube.", ' starts pulling up roofing on a roof.'] });
    const jsonl = JSON.stringify({ ind: 4, activity_label: 'Roof shingle removal', ctx_a: 'A man is sitting on a roof.', ctx_b: 'he', endings: ['a [title] b', 'c', 'd', 'e'], label: '3' });
    const [fromJson] = parseBenchmark(jsonl, 'hellaswag');
    expect(fromJson).toMatchObject({ id: '4', subject: 'Roof shingle removal', context: 'Roof shingle removal: A man is sitting on a roof. He', gold: 3 });
    expect(fromJson!.choices[0]).toBe(' a. b');
    expect(hellaswagPreprocess(' x [step] y  z ')).toBe('x y z');
    expect(() => parseBenchmark('ctx\n7\na\nb\nc\nd', 'hellaswag')).toThrow(/Line 2: the gold index must be 0–3/);
  });
  test('MMLU letters, ARC labels and TruthfulQA MC1 targets', () => {
    const [m] = parseBenchmark(JSON.stringify({ question: '2+2?', choices: ['3', '4', '5', '6'], answer: 1, subject: 'math' }), 'mmlu');
    expect(m).toMatchObject({ subject: 'math', context: '2+2?\nA. 3\nB. 4\nC. 5\nD. 6\nAnswer:', choices: [' A', ' B', ' C', ' D'], gold: 1 });
    expect(parseBenchmark(JSON.stringify({ question: 'q', choices: ['a', 'b'], answer: 'B' }), 'mmlu')[0]!.gold).toBe(1);
    const [a] = parseBenchmark(JSON.stringify({ id: 'Mercury_1', question: { stem: 'Which is a gas?', choices: [{ text: 'ice', label: 'A' }, { text: 'steam', label: 'B' }] }, answerKey: 'B' }), 'arc');
    expect(a).toMatchObject({ id: 'Mercury_1', context: 'Question: Which is a gas?\nAnswer:', choices: [' ice', ' steam'], gold: 1 });
    const [t] = parseBenchmark(JSON.stringify({ question: 'Is the Earth flat?', mc1_targets: { choices: ['Yes', 'No'], labels: [0, 1] } }), 'truthfulqa-mc');
    expect(t).toMatchObject({ context: 'Q: Is the Earth flat?\nA:', choices: [' Yes', ' No'], gold: 1 });
    expect(() => parseBenchmark('{"question":"q","choices":["a"],"answer":0}', 'mmlu')).toThrow(/Line 1: needs "choices"/);
  });
});

describe('scoring: acc (sum), acc_norm per token (llama.cpp) and per byte (lm-evaluation-harness), Wilson intervals', () => {
  test('a long choice wins on the sum only when its tokens are likely; per-token normalisation can flip it', () => {
    const item = { id: '1', subject: 's', context: 'c', choices: [' short', ' a much longer ending'], gold: 1 };
    const r = scoreItem(item, [{ logprob: -3, tokens: 1 }, { logprob: -4, tokens: 4 }]);
    expect([r.pred, r.predNorm, r.predNormChars]).toEqual([0, 1, 1]);
    expect(argmax([1, 3, 3])).toBe(1);
  });
  test('per-subject results with 95% confidence intervals', () => {
    const item = (subject: string, gold: number) => ({ id: subject + gold, subject, context: 'c', choices: [' a', ' b'], gold });
    const results = [scoreItem(item('x', 0), [{ logprob: -1, tokens: 1 }, { logprob: -2, tokens: 1 }]), scoreItem(item('x', 1), [{ logprob: -1, tokens: 1 }, { logprob: -2, tokens: 1 }]), scoreItem(item('y', 1), [{ logprob: -5, tokens: 1 }, { logprob: -2, tokens: 1 }])];
    const summary = summarizeBenchmark(results);
    expect(summary).toMatchObject({ items: 3, accuracy: 0.6667, accuracyNorm: 0.6667 });
    expect(summary.subjects.map((s) => [s.subject, s.items, s.accuracy.mean])).toEqual([['x', 2, 0.5], ['y', 1, 1]]);
    expect(wilson(8, 10)).toEqual({ mean: 0.8, low: 0.4902, high: 0.9433 });
  });
});
