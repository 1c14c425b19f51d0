import { AppError } from '../../contract/errors.js';

/** One multiple-choice item: the model continues `context` with each choice; `gold` is the right one's index. */
export interface ChoiceItem {
  id: string;
  subject: string;
  context: string;
  /** Each continuation as appended to the context (leading space included, as lm-evaluation-harness does). */
  choices: string[];
  gold: number;
}

export type BenchmarkFormat = 'hellaswag' | 'mmlu' | 'arc' | 'truthfulqa-mc';
export const benchmarkFormats: BenchmarkFormat[] = ['hellaswag', 'mmlu', 'arc', 'truthfulqa-mc'];

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** HellaSwag's own clean-up (lm-evaluation-harness `preprocess`): " [title]" marks become ". ", double spaces go. */
export function hellaswagPreprocess(text: string): string {
  return text.trim().replace(' [title]', '. ').replace(/\[.*?\]/g, '').replace(/ {2}/g, ' ');
}

function fail(line: number, message: string): never {
  throw new AppError('INVALID_INPUT', `Line ${line}: ${message}`);
}

function jsonLines(text: string): Array<{ line: number; value: Record<string, unknown> }> {
  return text.split('\n').flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    try {
      const value = JSON.parse(raw) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(i + 1, 'expected a JSON object');
      return [{ line: i + 1, value: value as Record<string, unknown> }];
    } catch (error) {
      if (error instanceof AppError) throw error;
      return fail(i + 1, `not valid JSON (${(error as Error).message})`);
    }
  });
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/**
 * llama.cpp's `hellaswag_val_full.txt`: six lines per task (context, gold index, four endings), exactly what
 * `llama-perplexity --hellaswag` reads, so both tools can score the same file.
 */
function hellaswagText(text: string): ChoiceItem[] {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  if (lines.length % 6 !== 0) throw new AppError('INVALID_INPUT', `A HellaSwag text file has six lines per task; this one has ${lines.length}`);
  const items: ChoiceItem[] = [];
  for (let i = 0; i < lines.length; i += 6) {
    const gold = Number(lines[i + 1]);
    if (!Number.isInteger(gold) || gold < 0 || gold > 3) fail(i + 2, `the gold index must be 0–3, got "${lines[i + 1]}"`);
    items.push({ id: String(i / 6), subject: 'hellaswag', context: lines[i] ?? '', choices: lines.slice(i + 2, i + 6).map((e) => ` ${e}`), gold });
  }
  return items;
}

function hellaswag(text: string): ChoiceItem[] {
  if (!text.trimStart().startsWith('{')) return hellaswagText(text);
  return jsonLines(text).map(({ line, value }, i) => {
    const ctx = value['ctx'] !== undefined ? str(value['ctx']) : `${str(value['ctx_a'])} ${str(value['ctx_b']).charAt(0).toUpperCase()}${str(value['ctx_b']).slice(1)}`;
    const endings = value['endings'];
    if (!Array.isArray(endings) || endings.length < 2) fail(line, 'needs "endings" (a list of at least two)');
    const activity = str(value['activity_label']);
    const gold = Number(value['label']);
    if (!Number.isInteger(gold) || gold < 0 || gold >= endings.length) fail(line, `"label" must index "endings", got ${str(value['label'])}`);
    return {
      id: str(value['ind'] ?? i), subject: activity || 'hellaswag', context: hellaswagPreprocess(`${activity ? `${activity}: ` : ''}${ctx}`),
      choices: endings.map((e) => ` ${hellaswagPreprocess(str(e))}`), gold,
    };
  });
}

function answerIndex(answer: unknown, choices: number, line: number): number {
  const index = typeof answer === 'number' ? answer : LETTERS.indexOf(str(answer).trim().toUpperCase());
  const numeric = typeof answer === 'string' && /^\d+$/.test(answer.trim()) ? Number(answer) - 1 : index;
  const gold = index >= 0 ? index : numeric;
  if (!Number.isInteger(gold) || gold < 0 || gold >= choices) fail(line, `the answer must name one of the ${choices} choices, got ${str(answer)}`);
  return gold;
}

/** MMLU as lm-evaluation-harness prompts it: the question, the lettered choices, "Answer:", scored on the letters. */
function mmlu(text: string): ChoiceItem[] {
  return jsonLines(text).map(({ line, value }, i) => {
    const choices = value['choices'];
    if (!Array.isArray(choices) || choices.length < 2) fail(line, 'needs "choices" (a list of at least two)');
    const subject = str(value['subject']) || 'mmlu';
    const listed = choices.map((c, j) => `${LETTERS[j]}. ${str(c).trim()}`).join('\n');
    return {
      id: str(value['id'] ?? i), subject, context: `${str(value['question']).trim()}\n${listed}\nAnswer:`,
      choices: choices.map((_, j) => ` ${LETTERS[j]}`), gold: answerIndex(value['answer'], choices.length, line),
    };
  });
}

/** ARC (AI2): "Question: …\nAnswer:" continued by each choice's text. */
function arc(text: string): ChoiceItem[] {
  return jsonLines(text).map(({ line, value }, i) => {
    const q = value['question'];
    const stem = typeof q === 'object' && q !== null ? str((q as Record<string, unknown>)['stem']) : str(q);
    const raw = typeof q === 'object' && q !== null ? (q as Record<string, unknown>)['choices'] : value['choices'];
    let texts: string[];
    let labels: string[];
    if (Array.isArray(raw)) [texts, labels] = [raw.map((c) => str((c as Record<string, unknown>)['text'])), raw.map((c) => str((c as Record<string, unknown>)['label']))];
    else if (raw && typeof raw === 'object') [texts, labels] = [((raw as Record<string, unknown>)['text'] as unknown[] ?? []).map(str), ((raw as Record<string, unknown>)['label'] as unknown[] ?? []).map(str)];
    else fail(line, 'needs "choices"');
    const gold = labels.indexOf(str(value['answerKey']));
    if (gold < 0) fail(line, `"answerKey" ${str(value['answerKey'])} is not one of the labels ${labels.join(', ')}`);
    return { id: str(value['id'] ?? i), subject: 'arc', context: `Question: ${stem.trim()}\nAnswer:`, choices: texts.map((t) => ` ${t.trim()}`), gold };
  });
}

/** TruthfulQA MC1: the one true answer among `mc1_targets` (an object answer → 0/1, or {choices, labels}). */
function truthfulqa(text: string): ChoiceItem[] {
  return jsonLines(text).map(({ line, value }, i) => {
    const targets = value['mc1_targets'] as Record<string, unknown> | undefined;
    if (!targets || typeof targets !== 'object') fail(line, 'needs "mc1_targets"');
    const [choices, labels] = Array.isArray(targets['choices']) ? [(targets['choices'] as unknown[]).map(str), (targets['labels'] as unknown[]).map(Number)] : [Object.keys(targets), Object.values(targets).map(Number)];
    const gold = labels.indexOf(1);
    if (gold < 0) fail(line, 'mc1_targets marks no answer as true (1)');
    return { id: str(value['id'] ?? i), subject: 'truthfulqa', context: `Q: ${str(value['question']).trim()}\nA:`, choices: choices.map((c) => ` ${c.trim()}`), gold };
  });
}

export function parseBenchmark(text: string, format: BenchmarkFormat): ChoiceItem[] {
  const items = format === 'hellaswag' ? hellaswag(text) : format === 'mmlu' ? mmlu(text) : format === 'arc' ? arc(text) : truthfulqa(text);
  if (items.length === 0) throw new AppError('INVALID_INPUT', 'The benchmark file has no items');
  return items;
}
