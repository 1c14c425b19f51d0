import { roleNames, type RoleName } from '../contract/auth.api.js';

export { roleNames, type RoleName };

/** What each role is for, as the CLI and the users screen describe it. */
export const roleDescriptions: Record<RoleName, string> = {
  admin: 'Everything, including accounts, settings, the model library and the audit trail',
  analyst: 'Runs models, builds and queries collections, ingests documents, works on prompts and evaluations',
  labeler: 'Reads collections, prompts and evaluations and labels evaluation results',
  reviewer: 'Works the review queue: reads held answers with their passages and verdicts, and releases, edits or rejects them',
  'security-auditor': 'Reads and exports the audit trail and lists accounts; no access to documents or models',
  viewer: 'Reads the model library, collections (within document access lists), prompts and evaluations',
};

/** The role the first account gets. */
export const BOOTSTRAP_ROLE: RoleName = 'admin';

export function isRole(value: string): value is RoleName {
  return (roleNames as readonly string[]).includes(value);
}

/** Roles in a stable order, without duplicates. */
export function normaliseRoles(roles: readonly RoleName[]): RoleName[] {
  return roleNames.filter((role) => roles.includes(role));
}

/** Groups are what documents' access lists name (`group:<name>`); sorted, without duplicates. */
export function normaliseGroups(groups: readonly string[]): string[] {
  return [...new Set(groups.map((g) => g.trim()).filter(Boolean))].sort();
}
