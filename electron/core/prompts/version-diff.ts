import type { BumpKind, BumpSuggestion, DiffRow, PromptParams, PromptVariable } from '../contract/prompts.api.js';
import { sideBySide } from './line-diff.js';

/** What a version holds, apart from its bookkeeping. */
export interface VersionContent {
  kind: 'chat' | 'completion';
  system: string;
  user: string;
  variables: PromptVariable[];
  params: PromptParams;
  outputSchema: Record<string, unknown> | null;
  /** Guardrail overrides (a partial guard configuration) or null. */
  guard: Record<string, unknown> | null;
}

const rank: Record<BumpKind, number> = { patch: 1, minor: 2, major: 3 };

/** Words only: a change that leaves them alone (spacing, punctuation, case) is a patch. */
function words(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** Keys sorted, so two equal objects written in a different order compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * The semver bump a change calls for. Callers break when the interface changes (a variable added, removed,
 * retyped or newly required; the output schema or the prompt kind changed): major. A change of wording or model
 * changes behaviour within the same interface: minor. Spacing, punctuation and sampling tweaks: patch.
 */
export function suggestBump(before: VersionContent, after: VersionContent): BumpSuggestion {
  const reasons: BumpSuggestion['reasons'] = [];
  const add = (bump: BumpKind, reason: string): void => void reasons.push({ bump, reason });
  const old = new Map(before.variables.map((v) => [v.name, v]));
  const now = new Map(after.variables.map((v) => [v.name, v]));
  for (const [name, v] of now) {
    const was = old.get(name);
    if (!was) add('major', `variable added: ${name}`);
    else {
      if (was.type !== v.type) add('major', `variable ${name} changed type: ${was.type} → ${v.type}`);
      if (!was.required && v.required) add('major', `variable ${name} became required`);
      if (was.required && !v.required) add('minor', `variable ${name} became optional`);
      if (canonicalJson(was.default) !== canonicalJson(v.default)) add('minor', `variable ${name} has a new default`);
      if ((was.description ?? '') !== (v.description ?? '')) add('patch', `variable ${name} has a new description`);
    }
  }
  for (const name of old.keys()) if (!now.has(name)) add('major', `variable removed: ${name}`);
  if (before.kind !== after.kind) add('major', `kind changed: ${before.kind} → ${after.kind}`);
  if (canonicalJson(before.outputSchema) !== canonicalJson(after.outputSchema)) add('major', 'output schema changed');
  // Guardrails change what reaches the model and the user without changing the interface.
  if (canonicalJson(before.guard) !== canonicalJson(after.guard)) add('minor', 'guardrails changed');
  for (const field of ['system', 'user'] as const) {
    if (before[field] === after[field]) continue;
    if (words(before[field]) !== words(after[field])) add('minor', `${field} template wording changed`);
    else add('patch', `${field} template spacing or punctuation changed`);
  }
  if ((before.params.model ?? null) !== (after.params.model ?? null)) add('minor', `model changed: ${before.params.model ?? '(none)'} → ${after.params.model ?? '(none)'}`);
  const { model: _a, ...oldParams } = before.params;
  const { model: _b, ...newParams } = after.params;
  if (canonicalJson(oldParams) !== canonicalJson(newParams)) add('patch', 'model parameters changed');
  const bump = reasons.reduce<BumpKind | null>((best, r) => (best === null || rank[r.bump] > rank[best] ? r.bump : best), null);
  return { bump, reasons };
}

function variableLines(variables: PromptVariable[]): string {
  return variables
    .map((v) => `${v.name}: ${v.type}${v.required ? '' : '?'}${v.default !== undefined ? ` = ${JSON.stringify(v.default)}` : ''}${v.description ? `  # ${v.description}` : ''}`)
    .join('\n');
}

const pretty = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(JSON.parse(canonicalJson(value)), null, 2));

/** Side-by-side diff of every part of two versions. */
export function diffVersions(before: VersionContent, after: VersionContent): Array<{ field: string; changed: boolean; rows: DiffRow[] }> {
  const parts: Array<[string, string, string]> = [
    ['kind', before.kind, after.kind],
    ['system', before.system, after.system],
    ['user', before.user, after.user],
    ['variables', variableLines(before.variables), variableLines(after.variables)],
    ['params', pretty(before.params), pretty(after.params)],
    ['outputSchema', pretty(before.outputSchema), pretty(after.outputSchema)],
    ['guard', pretty(before.guard), pretty(after.guard)],
  ];
  return parts.map(([field, a, b]) => ({ field, changed: a !== b, rows: sideBySide(a, b) }));
}
