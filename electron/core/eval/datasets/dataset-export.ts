import type { EvalCase } from '../../contract/eval.api.js';

// Export writes what import reads: a round trip keeps every case as it was.

export function toJsonl(cases: EvalCase[]): string {
  return cases
    .map((c) => {
      const line: Record<string, unknown> = { id: c.key, vars: c.vars };
      if (c.expected !== null) line.expected = c.expected;
      if (c.references.length > 1 || (c.references.length === 1 && c.references[0] !== c.expected)) line.references = c.references;
      if (c.contexts.length) line.contexts = c.contexts;
      if (c.tags.length) line.tags = c.tags;
      if (c.human) line.human = c.human;
      if (c.assert.length) line.assert = c.assert;
      return JSON.stringify(line);
    })
    .join('\n') + (cases.length ? '\n' : '');
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One column per variable; lists and objects as JSON cells. */
export function toCsv(cases: EvalCase[]): string {
  const varNames = [...new Set(cases.flatMap((c) => Object.keys(c.vars)))];
  const has = (pick: (c: EvalCase) => boolean): boolean => cases.some(pick);
  const columns: Array<[string, (c: EvalCase) => string]> = [
    ['id', (c) => c.key],
    ...varNames.map((name): [string, (c: EvalCase) => string] => [`vars.${name}`, (c) => cellText(c.vars[name])]),
    ['expected', (c) => c.expected ?? ''],
  ];
  if (has((c) => c.references.length > 1 || (c.references.length === 1 && c.references[0] !== c.expected))) columns.push(['references', (c) => JSON.stringify(c.references)]);
  if (has((c) => c.contexts.length > 0)) columns.push(['contexts', (c) => JSON.stringify(c.contexts)]);
  if (has((c) => c.tags.length > 0)) columns.push(['tags', (c) => c.tags.join(',')]);
  if (has((c) => c.human !== null)) columns.push(['human', (c) => (c.human ? JSON.stringify(c.human) : '')]);
  if (has((c) => c.assert.length > 0)) columns.push(['assert', (c) => (c.assert.length ? JSON.stringify(c.assert) : '')]);
  const lines = [columns.map(([name]) => csvCell(name)).join(','), ...cases.map((c) => columns.map(([, get]) => csvCell(get(c))).join(','))];
  return `${lines.join('\n')}\n`;
}
