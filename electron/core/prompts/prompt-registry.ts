import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import type { BumpKind, LabelInfo, PromptContent, PromptParams, PromptVariable, PromptVersion } from '../contract/prompts.api.js';
import type { GateLookup, LabelMoveRequest, LabelPolicy } from './label-policy.js';
import { promptError } from './prompt-errors.js';
import { bindVariables, checkTemplates, placeholders, renderTemplate } from './prompt-template.js';
import type { PromptRow, PromptsRepo } from './prompts.repo.js';
import { bumpSemVer, compareSemVer, formatSemVer, isSemVer, parseSemVer } from './semver.js';
import { diffVersions, suggestBump, type VersionContent } from './version-diff.js';
import { labelStack } from './label-history.js';
import { defaultGuardConfig, mergeGuardConfig, type GuardConfigOverride } from '../guard/guard-config.js';
import { writeTransaction } from '../../../native/sqlite/write-transaction.js';

export type ContentPatch = Partial<Omit<PromptContent, 'outputSchema' | 'guard'>> & {
  outputSchema?: Record<string, unknown> | null | undefined;
  guard?: Record<string, unknown> | null | undefined;
};

/** A guard override is checked when the version is made, so a bad one never reaches a run. */
function checkGuardOverride(guard: Record<string, unknown>): void {
  const unknownKey = firstUnknownKey(guard, defaultGuardConfig as unknown as Record<string, unknown>, 'guard');
  if (unknownKey) throw new AppError('INVALID_INPUT', `The prompt's guard overrides name an unknown setting: ${unknownKey}`, { field: unknownKey });
  try {
    mergeGuardConfig(defaultGuardConfig, guard as GuardConfigOverride);
  } catch (error) {
    const issue = ((error as AppError).details as Array<{ path: PropertyKey[]; message: string }> | undefined)?.[0];
    const where = issue ? `guard.${issue.path.map(String).join('.')}: ${issue.message}` : (error as Error).message;
    throw new AppError('INVALID_INPUT', `The prompt's guard overrides are invalid: ${where}`, { field: 'guard' });
  }
}

/** A misspelt key would otherwise be dropped silently and leave the default in force. */
function firstUnknownKey(override: Record<string, unknown>, shape: Record<string, unknown>, path: string): string | null {
  for (const [key, value] of Object.entries(override)) {
    if (!(key in shape)) return `${path}.${key}`;
    const inner = shape[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const found = firstUnknownKey(value as Record<string, unknown>, inner as Record<string, unknown>, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export interface Rendered {
  version: PromptVersion;
  messages: Array<{ role: 'system' | 'user'; content: string }> | null;
  prompt: string | null;
}

/** The prompt registry: immutable semver versions, labels that point at them, resolution and rendering. */
export class PromptRegistry {
  constructor(private readonly repo: PromptsRepo, private readonly policy: LabelPolicy, private readonly gateFor: GateLookup) {}

  create(input: PromptContent & { name: string; description: string; version: string; message: string }, ctx: CallContext): PromptVersion {
    const content = this.content(input);
    const version = parseSemVer(input.version) ?? { major: 1, minor: 0, patch: 0 };
    return writeTransaction(this.repo.db, () => {
      if (this.repo.byName(input.name)) throw promptError('PROMPT_EXISTS', `A prompt named "${input.name}" exists; add a version with \`enclave prompts version ${input.name}\``);
      const prompt = this.repo.createPrompt(input.name, input.description, ctx.user);
      return this.repo.versionById(this.repo.insertVersion(prompt.id, version, content, input.message, ctx.user)) as PromptVersion;
    });
  }

  /** What the next version would be: the merged content, its suggested bump and number. */
  draft(name: string, patch: ContentPatch): { prompt: PromptRow; latest: PromptVersion; content: VersionContent; suggestion: ReturnType<typeof suggestBump> } {
    const prompt = this.prompt(name);
    const latest = this.repo.latest(prompt.id) as PromptVersion;
    const system = patch.system ?? latest.system;
    const user = patch.user ?? latest.user;
    // Without new declarations the latest ones carry over (those still used): a new placeholder must be declared, so
    // a typo like {{topc}} is an unknown-variable error instead of a silent new variable.
    const used = new Set([...placeholders(system, 'system'), ...placeholders(user, 'user')].map((p) => p.name));
    const merged: PromptContent = {
      kind: patch.kind ?? latest.kind,
      system,
      user,
      variables: patch.variables ?? latest.variables.filter((v) => used.has(v.name)),
      params: patch.params ?? latest.params,
      outputSchema: patch.outputSchema !== undefined ? patch.outputSchema : latest.outputSchema,
      guard: patch.guard !== undefined ? patch.guard : latest.guard,
    };
    const content = this.content(merged);
    return { prompt, latest, content, suggestion: suggestBump(latest, content) };
  }

  newVersion(input: ContentPatch & { prompt: string; message: string; bump: BumpKind | 'auto'; version?: string | undefined }, ctx: CallContext) {
    return writeTransaction(this.repo.db, () => {
      const { prompt, latest, content, suggestion } = this.draft(input.prompt, input);
      if (suggestion.bump === null) throw new AppError('INVALID_INPUT', `Nothing changed since ${input.prompt}@${latest.version}; a new version needs a change`);
      const current = parseSemVer(latest.version) ?? { major: 0, minor: 0, patch: 0 };
      const next = input.version ? parseSemVer(input.version) : bumpSemVer(current, input.bump === 'auto' ? suggestion.bump : input.bump);
      if (!next || compareSemVer(next, current) <= 0) {
        throw new AppError('INVALID_INPUT', `Version ${input.version ?? ''} must be greater than the latest, ${latest.version}`);
      }
      const id = this.repo.insertVersion(prompt.id, next, content, input.message, ctx.user);
      return { version: this.repo.versionById(id) as PromptVersion, previous: latest.version, suggestion };
    });
  }

  nextVersion(current: string, bump: BumpKind | null): string {
    const v = parseSemVer(current) ?? { major: 0, minor: 0, patch: 0 };
    return bump ? formatSemVer(bumpSemVer(v, bump)) : current;
  }

  prompt(name: string): PromptRow {
    const row = this.repo.byName(name) ?? this.repo.byId(name);
    if (!row) throw promptError('PROMPT_NOT_FOUND', `No prompt named "${name}"; \`enclave prompts list\` shows them`, { prompt: name });
    return row;
  }

  list() {
    return this.repo.listPrompts().map((p) => this.summary(p));
  }

  summary(p: PromptRow) {
    const labels = this.repo.labels(p.id).map(({ versionId: _id, ...label }) => label);
    return { id: p.id, name: p.name, description: p.description, latest: this.repo.latest(p.id)?.version ?? '', versions: this.repo.versionCount(p.id), labels, createdAt: p.created_at };
  }

  /** `name` → latest version; `name@1.2.0` → that version; `name@label` → where the label points. */
  resolve(ref: string): { version: PromptVersion; via: 'label' | 'version' | 'latest' } {
    const at = ref.lastIndexOf('@');
    const name = at < 0 ? ref : ref.slice(0, at);
    const prompt = this.prompt(name.trim());
    if (at < 0) return { version: this.repo.latest(prompt.id) as PromptVersion, via: 'latest' };
    const which = ref.slice(at + 1).trim();
    return { version: this.versionOf(prompt, which), via: isSemVer(which) ? 'version' : 'label' };
  }

  /** A version by number or by the label that points at it. */
  versionOf(prompt: PromptRow, which: string): PromptVersion {
    if (isSemVer(which)) {
      const found = this.repo.version(prompt.id, which);
      if (!found) throw promptError('PROMPT_NOT_FOUND', `Prompt "${prompt.name}" has no version ${which}; versions: ${this.repo.versions(prompt.id).map((v) => v.version).join(', ')}`);
      return found;
    }
    const label = this.repo.label(prompt.id, which);
    if (!label) {
      const labels = this.repo.labels(prompt.id).map((l) => l.label).join(', ') || 'none';
      throw promptError('PROMPT_NOT_FOUND', `Prompt "${prompt.name}" has no label "${which}"; labels: ${labels}`);
    }
    return this.repo.versionById(label.versionId) as PromptVersion;
  }

  show(ref: string) {
    const { version } = this.resolve(ref);
    const prompt = this.prompt(version.promptId);
    const versions = this.repo.versions(prompt.id).map((v) => ({ version: v.version, message: v.message, author: v.author, createdAt: v.createdAt, labels: v.labels }));
    return { prompt: this.summary(prompt), version, versions };
  }

  diff(name: string, from: string, to: string) {
    const prompt = this.prompt(name);
    const a = this.versionOf(prompt, from);
    const b = this.versionOf(prompt, to);
    return { from: a.version, to: b.version, sections: diffVersions(a, b), suggestion: suggestBump(a, b) };
  }

  /** Points a label at a version. A protected label needs the role hook and a passing gate run of the version. */
  setLabel(input: { prompt: string; label: string; version: string; protected?: boolean | undefined }, ctx: CallContext, action: 'set' | 'promote' = 'set') {
    const prompt = this.prompt(input.prompt);
    const target = this.versionOf(prompt, input.version);
    const current = this.repo.label(prompt.id, input.label);
    const willProtect = input.protected ?? current?.protected ?? false;
    const moves = current?.versionId !== target.id;
    const protectChange = current !== undefined && willProtect !== current.protected ? (willProtect ? 'protect' : 'unprotect') : null;
    if (!moves && protectChange === null && current) return { ...this.labelInfo(current), previous: current.version, gateRunId: null };
    const kind: LabelMoveRequest['action'] = moves ? action : (protectChange ?? action);
    if (current?.protected || willProtect) this.authorize(ctx, { prompt: prompt.name, label: input.label, version: target.version, action: kind });
    // A protected label only ever points at a version that passed a gate.
    const gateRunId = willProtect ? this.requireGate(prompt.name, input.label, target) : null;
    this.repo.moveLabel({ promptId: prompt.id, label: input.label, toVersionId: target.id, protected: willProtect, action: kind, user: ctx.user, gateRunId });
    return { ...this.labelInfo(this.repo.label(prompt.id, input.label)!), previous: current?.version ?? null, gateRunId };
  }

  /** Moves a label back to where it pointed before its last move, or to `to`. */
  rollback(input: { prompt: string; label: string; to?: string | undefined }, ctx: CallContext) {
    const prompt = this.prompt(input.prompt);
    const current = this.repo.label(prompt.id, input.label);
    if (!current) throw promptError('PROMPT_NOT_FOUND', `Prompt "${prompt.name}" has no label "${input.label}" to roll back`);
    const stack = labelStack(this.repo.moves(prompt.id, current.label));
    const target = input.to ? this.versionOf(prompt, input.to) : this.repo.versionById(stack[stack.length - 2] ?? -1);
    if (!target) throw new AppError('INVALID_INPUT', `Label "${current.label}" of "${prompt.name}" has no earlier version to roll back to`);
    if (target.id === current.versionId) throw new AppError('INVALID_INPUT', `Label "${current.label}" already points at ${target.version}`);
    if (current.protected) this.authorize(ctx, { prompt: prompt.name, label: current.label, version: target.version, action: 'rollback' });
    // Rolling back to a version the label held before needs no new gate: it passed one when it was placed there.
    const heldBefore = stack.includes(target.id);
    const gateRunId = current.protected && !heldBefore ? this.requireGate(prompt.name, current.label, target) : null;
    this.repo.moveLabel({ promptId: prompt.id, label: current.label, toVersionId: target.id, protected: current.protected, action: 'rollback', user: ctx.user, gateRunId });
    return { ...this.labelInfo(this.repo.label(prompt.id, current.label)!), previous: current.version, gateRunId };
  }

  history(name: string, label?: string) {
    const prompt = this.prompt(name);
    return this.repo.moves(prompt.id, label).map(({ label: l, from, to, action, movedBy, gateRunId, createdAt }) => ({ label: l, from, to, action, movedBy, gateRunId, createdAt }));
  }

  render(version: PromptVersion, values: Record<string, unknown>): Rendered {
    const where = `${version.name}@${version.version}`;
    const bound = bindVariables(version.variables, values, where);
    const system = renderTemplate(version.system, 'system', bound);
    const user = renderTemplate(version.user, 'user', bound);
    if (version.kind === 'completion') return { version, messages: null, prompt: system ? `${system}\n\n${user}` : user };
    return { version, messages: [...(system.trim() ? [{ role: 'system' as const, content: system }] : []), { role: 'user', content: user }], prompt: null };
  }

  private content(input: PromptContent): VersionContent {
    const variables: PromptVariable[] = checkTemplates(input.system, input.user, input.variables);
    const params: PromptParams = input.params ?? {};
    const guard = input.guard && Object.keys(input.guard).length > 0 ? input.guard : null;
    if (guard) checkGuardOverride(guard);
    return { kind: input.kind, system: input.system, user: input.user, variables, params, outputSchema: input.outputSchema ?? null, guard };
  }

  private authorize(ctx: CallContext, move: LabelMoveRequest): void {
    if (!this.policy.canMoveProtectedLabel(ctx, move)) {
      throw promptError('LABEL_PROTECTED', `Label "${move.label}" of "${move.prompt}" is protected; ${ctx.user} may not ${move.action === 'set' ? 'move' : move.action} it. Ask a prompt approver.`, { label: move.label });
    }
  }

  private requireGate(prompt: string, label: string, target: PromptVersion): string {
    const runId = this.gateFor(target.id);
    if (!runId) {
      throw promptError('GATE_REQUIRED', `Protected label "${label}" can only point at a version with a passing gate run; run \`enclave eval run <suite.yaml>\` with ${prompt}@${target.version} first`, { version: target.version });
    }
    return runId;
  }

  private labelInfo(l: LabelInfo): LabelInfo {
    return { label: l.label, version: l.version, protected: l.protected, updatedBy: l.updatedBy, updatedAt: l.updatedAt };
  }
}
