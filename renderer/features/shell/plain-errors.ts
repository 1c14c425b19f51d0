import { detailLines, type ClientError } from '../../api/client.js';

/**
 * Validation errors in plain words, in one place. The core validates with zod and sends each issue as
 * `{ path, message }` with zod's wording ("Too small: expected string to have >=1 characters"); a person reads
 * "Name is required". Messages the core wrote itself ("the prompt is empty") are kept as they are.
 */

/** `contextSize` → "Context size", `settings.answer.topK` → "Top k", `messages.0.content` → "Content". */
export function fieldName(path: string): string {
  const last = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part)).at(-1) ?? '';
  const words = last.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().trim();
  return words === '' ? 'This value' : words[0]!.toUpperCase() + words.slice(1);
}

const RULES: [RegExp, (field: string, match: RegExpMatchArray) => string][] = [
  [/^Too small: expected string to have >=1 characters?$/, (f) => `${f} is required`],
  [/^Too small: expected string to have >=(\d+) characters?$/, (f, m) => `${f} needs at least ${m[1]} characters`],
  [/^Too big: expected string to have <=(\d+) characters?$/, (f, m) => `${f} may have at most ${m[1]} characters`],
  [/^Too small: expected array to have >=1 items?$/, (f) => `${f}: choose at least one`],
  [/^Too small: expected array to have >=(\d+) items?$/, (f, m) => `${f}: choose at least ${m[1]}`],
  [/^Too big: expected array to have <=(\d+) items?$/, (f, m) => `${f}: at most ${m[1]} allowed`],
  [/^Too small: expected number to be >=?(-?[\d.]+)$/, (f, m) => `${f} must be at least ${m[1]}`],
  [/^Too small: expected number to be >(-?[\d.]+)$/, (f, m) => `${f} must be more than ${m[1]}`],
  [/^Too big: expected number to be <=?(-?[\d.]+)$/, (f, m) => `${f} must be at most ${m[1]}`],
  [/^Invalid input: expected \w+, received undefined$/, (f) => `${f} is required`],
  [/^Invalid input: expected (number|int), received \w+$/, (f) => `${f} must be a number`],
  [/^Invalid input: expected int, received number$/, (f) => `${f} must be a whole number`],
  [/^Invalid input: expected boolean, received \w+$/, (f) => `${f} must be yes or no`],
  [/^Invalid input: expected string, received \w+$/, (f) => `${f} must be text`],
  [/^Invalid option: expected one of (.+)$/, (f, m) => `${f} must be one of ${m[1]!.replaceAll('"', '').replaceAll('|', ', ')}`],
  [/^Invalid string: must match pattern .*$/, (f) => `${f} contains characters that are not allowed`],
  [/^Invalid (email|url|uuid)/i, (f, m) => `${f} is not a valid ${m[1]!.toLowerCase()}`],
];

/** One validation issue as a sentence naming its field. */
export function plainIssue(path: string, message: string): string {
  const field = fieldName(path);
  for (const [pattern, say] of RULES) {
    const match = message.match(pattern);
    if (match) return say(field, match);
  }
  return path === '' ? message : `${field}: ${message}`;
}

/** An error's headline and readable lines: validation issues in plain words, anything else as the core said it. */
export function plainError(error: ClientError): { message: string; lines: string[] } {
  const issues = error.code === 'INVALID_INPUT' && Array.isArray(error.details) ? (error.details as unknown[]) : [];
  const lines: string[] = [];
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { message, path } = issue as { message?: unknown; path?: unknown };
    if (typeof message !== 'string') continue;
    lines.push(plainIssue(Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '', message));
  }
  if (lines.length === 0) return { message: error.message, lines: detailLines(error) };
  if (lines.length === 1) return { message: lines[0]!, lines: [] };
  return { message: 'Some values need a fix:', lines };
}
