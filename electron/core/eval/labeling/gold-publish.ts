import type { HumanLabel } from '../../contract/eval.api.js';
import type { LabelQuestion, LabelValue } from '../../contract/labeling.api.js';
import type { LabelChange } from '../datasets/dataset-label.js';

const PASS = new Map([['pass', true], ['fail', false], ['yes', true], ['no', false], ['true', true], ['false', false]]);

/**
 * Which labeling question feeds which field of a case's human label, the one the judge's agreement (calibration)
 * compares with: the rating named `score` (or the only rating) → score; a pass/fail label → pass; an A/B/tie label →
 * preference. Other questions stay in the labeling tables.
 */
function fieldOf(question: LabelQuestion, questions: LabelQuestion[]): keyof HumanLabel | null {
  const ratings = questions.filter((q) => q.type === 'rating');
  if (question.type === 'rating' && (question.name === 'score' || ratings.length === 1)) return 'score';
  if (question.type !== 'label') return null;
  const options = question.options.map((o) => o.toLowerCase());
  if (options.every((o) => PASS.has(o))) return 'pass';
  if (options.every((o) => ['a', 'b', 'tie'].includes(o))) return 'preference';
  return null;
}

/** The gold labels as human labels per case (merged over what the case already has). */
export function goldAsHumanLabels(questions: LabelQuestion[], gold: Array<{ caseKey: string; question: string; value: LabelValue }>, current: Map<string, HumanLabel | null>): LabelChange[] {
  const byCase = new Map<string, HumanLabel>();
  for (const g of gold) {
    const question = questions.find((q) => q.name === g.question);
    const field = question ? fieldOf(question, questions) : null;
    if (!field) continue;
    const label = byCase.get(g.caseKey) ?? { ...(current.get(g.caseKey) ?? {}) };
    if (field === 'score' && typeof g.value === 'number') label.score = g.value;
    if (field === 'pass' && typeof g.value === 'string') label.pass = PASS.get(g.value.toLowerCase())!;
    if (field === 'preference' && typeof g.value === 'string') label.preference = (g.value.toLowerCase() === 'tie' ? 'tie' : g.value.toUpperCase()) as 'A' | 'B';
    byCase.set(g.caseKey, label);
  }
  return [...byCase.entries()].map(([caseKey, human]) => ({ caseKey, human }));
}
