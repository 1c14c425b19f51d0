import { models } from '../../helpers/fixtures.js';

export const storiesModel = models.stories;

/** A short rubric keeps judge prompts small: stories260K's context is 2,048 tokens, shared by parallel sequences. */
export const shortRubric = [{ name: 'quality', description: 'Is it good?' }];

const animals = ['cat', 'dog', 'bird', 'fox', 'bear', 'frog', 'duck', 'lion', 'fish', 'cow', 'pig', 'owl'];

/** A completion suite over stories260K: `cases` animals, `tokens` per output. */
export function storySuite(cases: number, tokens: number, extra = ''): string {
  const tests = Array.from({ length: cases }, (_, i) => `  - vars: { animal: "${animals[i % animals.length]} ${i}" }\n    expected: "Once upon a time there was a ${animals[i % animals.length]}"`).join('\n');
  return `description: stories\nprompts:\n  - id: story\n    raw: "Once upon a time there was a {{animal}}"\nproviders:\n  - id: ${storiesModel}\n    label: stories\n    config: { maxTokens: ${tokens} }\nmetrics: [bleu, rougeL]\ntests:\n${tests}\n${extra}`;
}
