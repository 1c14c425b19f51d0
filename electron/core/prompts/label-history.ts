import type { LabelMove } from './prompts.repo.js';

/**
 * The versions a label has held, as a stack: a move pushes, a rollback pops. Its top is where the label points,
 * the entry below is where a rollback goes, so rolling back twice walks two steps back instead of flip-flopping.
 */
export function labelStack(movesNewestFirst: LabelMove[]): number[] {
  const stack: number[] = [];
  for (const move of [...movesNewestFirst].reverse()) {
    if (move.action === 'protect' || move.action === 'unprotect') continue;
    if (move.action === 'rollback') {
      // Pop back to the target; an explicit rollback to an older version pops everything above it.
      const at = stack.lastIndexOf(move.toVersionId);
      if (at >= 0) stack.length = at + 1;
      else stack.push(move.toVersionId);
      continue;
    }
    if (stack[stack.length - 1] !== move.toVersionId) stack.push(move.toVersionId);
  }
  return stack;
}
