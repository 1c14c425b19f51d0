import type { Input, Output } from '../../api/contract.types.js';

export type User = Output<'users.list'>[number];
export type RoleName = User['roles'][number];
export type ApiToken = Output<'tokens.list'>[number];
export type CreatedToken = Output<'tokens.create'>;
export type PermissionName = ApiToken['permissions'][number];

/**
 * What each role is for, as the CLI says it (electron/core/auth/roles.ts). The renderer cannot import the contract's
 * role list (types only), so this Record is it: a role added to the contract fails to compile here until described.
 */
export const roleDescriptions: Record<RoleName, string> = {
  admin: 'Everything, including accounts, settings, the model library and the audit trail',
  analyst: 'Runs models, builds and queries collections, ingests documents, works on prompts and evaluations',
  labeler: 'Reads collections, prompts and evaluations and labels evaluation results',
  reviewer: 'Works the review queue: reads held answers with their passages and verdicts, and releases, edits or rejects them',
  'security-auditor': 'Reads and exports the audit trail and lists accounts; no access to documents or models',
  viewer: 'Reads the model library, collections (within document access lists), prompts and evaluations',
};

/** The roles in the contract's order. */
export const roleOptions = Object.keys(roleDescriptions) as RoleName[];

/** Roles in the contract's order without duplicates, as the core stores them. */
export function orderRoles(roles: readonly RoleName[]): RoleName[] {
  return roleOptions.filter((role) => roles.includes(role));
}

/** A multi-select's new value after one box was ticked or cleared, in the order of `options`. */
export function toggled<T>(options: readonly T[], selected: readonly T[], item: T, on: boolean): T[] {
  return options.filter((option) => (option === item ? on : selected.includes(option)));
}

/** "ops, analysts,, ops " → ['analysts', 'ops']: the groups a comma list names, without blanks or duplicates. */
export function parseGroups(text: string): string[] {
  return [...new Set(text.split(',').map((group) => group.trim()).filter(Boolean))].sort();
}

export function formatGroups(groups: readonly string[]): string {
  return groups.join(', ');
}

/** Whether two lists hold the same items, order aside. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/**
 * A password typed twice: what to say about it before it is sent, or null when it may go. Its strength is the core's
 * to judge (its INVALID_INPUT message says what is missing); only the two copies are compared here.
 */
export function passwordProblem(password: string, again: string): string | null {
  if (password === '') return 'Type the password';
  if (again === '') return 'Type it again to confirm';
  return password === again ? null : 'The two passwords differ';
}

/** A timestamp as a person reads it; `never` for none. */
export function whenText(iso: string | null, never = 'never'): string {
  if (iso === null || iso === '') return never;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toLocaleString();
}

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>, now: number): TokenState {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** Newest first, so a token just created is on top. */
export function sortTokens(tokens: readonly ApiToken[]): ApiToken[] {
  return [...tokens].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

export interface TokenForm {
  name: string;
  permissions: PermissionName[];
  /** As typed; empty: the token does not expire. */
  days: string;
}

export const newTokenForm: TokenForm = { name: '', permissions: [], days: '90' };

/**
 * The `tokens.create` call a form makes. Permissions keep the order of what the caller holds; a days value that is
 * not a whole number is still sent, so the core's INVALID_INPUT says what is wrong with it.
 */
export function tokenParams(form: TokenForm, held: readonly PermissionName[]): Input<'tokens.create'> {
  const permissions = held.filter((permission) => form.permissions.includes(permission));
  const days = form.days.trim();
  return { name: form.name.trim(), permissions, ...(days === '' ? {} : { expiresInDays: Number(days) }) };
}

/**
 * Turning the shared workstation on stops the OS account signing in by itself, on the desktop, the CLI and the
 * server's printed URL alike: only an enabled administrator with a password could then turn it off again.
 */
export function canShareWorkstation(users: readonly User[]): boolean {
  return users.some((user) => user.roles.includes('admin') && !user.disabled && user.hasPassword);
}
