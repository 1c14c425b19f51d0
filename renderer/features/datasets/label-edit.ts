import type { DatasetCase, HumanLabel, LabelChange, Preference } from './dataset-types.js';

/** Unsaved labels by case key; `null` clears the case's label. */
export type PendingLabels = Readonly<Record<string, HumanLabel | null>>;

/** What a key press (or a click) does while labeling. */
export type LabelCommand =
  | { kind: 'score'; value: number }
  | { kind: 'pass'; value: boolean }
  | { kind: 'preference'; value: Preference }
  | { kind: 'clear' }
  | { kind: 'revert' }
  | { kind: 'move'; by: 1 | -1 };

/** The keyboard shortcuts, as the hint under the controls lists them. */
export const SHORTCUTS: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['1–5', 'score'],
  ['p / f', 'pass / fail'],
  ['a / b / t', 'preference A / B / tie (pairwise cases)'],
  ['x', 'clear the label'],
  ['u', 'undo this case'],
  ['j / k', 'next / previous case'],
];

/** The command of a key, or null for keys labeling leaves alone. */
export function commandOfKey(key: string): LabelCommand | null {
  if (/^[1-5]$/.test(key)) return { kind: 'score', value: Number(key) };
  switch (key) {
    case 'p':
      return { kind: 'pass', value: true };
    case 'f':
      return { kind: 'pass', value: false };
    case 'a':
      return { kind: 'preference', value: 'A' };
    case 'b':
      return { kind: 'preference', value: 'B' };
    case 't':
      return { kind: 'preference', value: 'tie' };
    case 'x':
      return { kind: 'clear' };
    case 'u':
      return { kind: 'revert' };
    case 'j':
      return { kind: 'move', by: 1 };
    case 'k':
      return { kind: 'move', by: -1 };
    default:
      return null;
  }
}

/** A label with its fields in one order and `{}` as null (what the core stores). */
export function canonicalLabel(label: HumanLabel | null | undefined): HumanLabel | null {
  if (!label) return null;
  const out: HumanLabel = {};
  if (label.score !== undefined) out.score = label.score;
  if (label.pass !== undefined) out.pass = label.pass;
  if (label.preference !== undefined) out.preference = label.preference;
  return Object.keys(out).length > 0 ? out : null;
}

export function sameLabel(a: HumanLabel | null | undefined, b: HumanLabel | null | undefined): boolean {
  return JSON.stringify(canonicalLabel(a)) === JSON.stringify(canonicalLabel(b));
}

/** The label a case shows: the unsaved one if any, else the stored one. */
export function effectiveLabel(item: Pick<DatasetCase, 'key' | 'human'>, pending: PendingLabels): HumanLabel | null {
  return Object.hasOwn(pending, item.key) ? (pending[item.key] ?? null) : item.human;
}

type SetCommand = Extract<LabelCommand, { kind: 'score' | 'pass' | 'preference' }>;
const FIELD = { score: 'score', pass: 'pass', preference: 'preference' } as const;

/** Keys set a field (pressing 4 twice leaves 4); a click on the value already chosen (`toggle`) takes it away. */
export function applyToLabel(label: HumanLabel | null, command: SetCommand | { kind: 'clear' }, toggle = false): HumanLabel | null {
  if (command.kind === 'clear') return null;
  const field = FIELD[command.kind];
  const next: Record<string, unknown> = { ...(label ?? {}) };
  if (toggle && next[field] === command.value) delete next[field];
  else next[field] = command.value;
  return canonicalLabel(next as HumanLabel);
}

/**
 * The pending labels after setting one case's label: a label equal to the stored one is not a change, so the
 * case leaves the pending set (undoing by hand needs no special key).
 */
export function withLabel(pending: PendingLabels, item: Pick<DatasetCase, 'key' | 'human'>, label: HumanLabel | null): PendingLabels {
  const { [item.key]: _previous, ...rest } = pending;
  return sameLabel(label, item.human) ? rest : { ...rest, [item.key]: canonicalLabel(label) };
}

/** What "Save as new version" sends, in the order the cases were labeled. */
export function labelChanges(pending: PendingLabels): LabelChange[] {
  return Object.entries(pending).map(([caseKey, human]) => ({ caseKey, human }));
}

/**
 * Whether a case asks for a preference: it carries one already, is tagged `pairwise`, or the labeler asked for
 * preferences on every case (a dataset about to be used by a pairwise judge).
 */
export function isPairwise(item: Pick<DatasetCase, 'tags' | 'human'>, pendingLabel: HumanLabel | null | undefined, everyCase: boolean): boolean {
  return everyCase || item.tags.some((tag) => tag.toLowerCase() === 'pairwise') || item.human?.preference !== undefined || pendingLabel?.preference !== undefined;
}

/** A label in a table cell: "4 · pass · A", "—" for none. */
export function labelSummary(label: HumanLabel | null | undefined): string {
  const parts: string[] = [];
  if (label?.score !== undefined) parts.push(String(label.score));
  if (label?.pass !== undefined) parts.push(label.pass ? 'pass' : 'fail');
  if (label?.preference !== undefined) parts.push(label.preference === 'tie' ? 'tie' : label.preference);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/**
 * Moving the cursor by one across pages: the position after `by` from `offset + index`, as the page offset and
 * the index in it, or null past either end.
 */
export function stepCursor(position: { offset: number; index: number }, by: 1 | -1, pageSize: number, total: number): { offset: number; index: number } | null {
  const absolute = position.offset + position.index + by;
  if (absolute < 0 || absolute >= total) return null;
  const offset = Math.floor(absolute / pageSize) * pageSize;
  return { offset, index: absolute - offset };
}

/** Inputs that take clicks, not text: labeling keys still work while one has the focus. */
const CLICK_INPUTS = new Set(['checkbox', 'radio', 'button']);

/** Key presses meant for a text field, or with a modifier (browser and app shortcuts), are not labeling keys. */
export function isLabelingKeyEvent(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: unknown }): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as { tagName?: unknown; type?: unknown; isContentEditable?: unknown } | null;
  const tag = typeof target?.tagName === 'string' ? target.tagName.toUpperCase() : '';
  const typing = tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable === true || (tag === 'INPUT' && !CLICK_INPUTS.has(String(target?.type)));
  if (typing) return false;
  return commandOfKey(event.key) !== null;
}
