import { z } from 'zod';

// Accounts, roles, sessions and API tokens (issue 4). Merged into `api` by contract/api.ts.

export const roleNames = ['admin', 'analyst', 'labeler', 'reviewer', 'security-auditor', 'viewer'] as const;
export const RoleName = z.enum(roleNames);
export type RoleName = z.infer<typeof RoleName>;

/**
 * What a method needs. Each method declares one (electron/core/auth/permissions.ts), each role holds a set, and an
 * API token may be limited to a subset of its user's. `prompts.*` and `eval.*` are reserved for issue 5's methods.
 */
export const permissionNames = [
  'app.read',
  'models.read',
  'models.manage',
  /** Approving, rejecting and reinstating models: what production paths may run. Administrators by default. */
  'models.approve',
  /** Running models that are not approved yet where they are being evaluated (the Playground). */
  'models.evaluate',
  'inference.run',
  'settings.read',
  'settings.manage',
  'jobs.read',
  'jobs.cancel',
  'rag.read',
  'rag.ask',
  'rag.ingest',
  'rag.manage',
  'audit.read',
  'audit.export',
  /** Purging audit payloads past a retention period (digests and the signed chain stay): administrators by default. */
  'audit.manage',
  'users.read',
  'users.manage',
  'tokens.own',
  'account.self',
  'prompts.read',
  'prompts.manage',
  'eval.read',
  'eval.run',
  'eval.label',
  /** Restoring pseudonymised personal data: administrators only by default. */
  'guard.restore',
  /** Everyone's usage and cost (one's own usage needs only a signed-in account). */
  'usage.read',
  /** Routes, quotas, the price table and the response cache of the gateway: administrators by default. */
  'gateway.manage',
  /** Everyone's traces and the Dashboard (one's own traces need no permission beyond signing in). */
  'monitor.read',
  /** Trace retention, purges, alert rules and online evaluation settings: administrators by default. */
  'monitor.manage',
  /** Working the review queue: reading held outputs and releasing, editing or rejecting them (issue 14). */
  'review.decide',
  /** Naming files and folders on the machine the core runs on (ingest, import, export): administrators by default. */
  'files.serverPaths',
  /** Seeing the registered remote endpoints (URLs, health): administrators by default. */
  'endpoints.read',
  /** Registering remote endpoints and their API keys, which opens the egress guard to them: administrators only. */
  'endpoints.manage',
  /** Writing signed bundles of prompts, datasets, runs and model manifests (and pushing them by sync). */
  'transfers.export',
  /** Inspecting and merging bundles from trusted installations (and pulling by sync). */
  'transfers.import',
  /** Keeping the trust store: whose bundles this installation accepts. Administrators by default. */
  'transfers.trust',
] as const;
export const PermissionName = z.enum(permissionNames);
export type PermissionName = z.infer<typeof PermissionName>;

export const UserName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'A user name is 1–64 letters, digits, . _ @ or -, starting with a letter or digit');
export const GroupName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'A group name is 1–64 letters, digits, . _ or -, starting with a letter or digit');
/** Long enough to resist guessing, short enough that hashing it cannot be abused to burn CPU. */
export const Password = z.string().min(8, 'A password needs at least 8 characters').max(1024, 'A password may have at most 1024 characters');

export const User = z.object({
  name: z.string(),
  roles: z.array(RoleName),
  groups: z.array(z.string()),
  disabled: z.boolean(),
  /** False for an account that signs in only as its OS user (CLI, desktop). */
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const SignedIn = z.object({
  /** Present it as `Authorization: Bearer <token>` (the server also sets it as an HttpOnly cookie). */
  sessionToken: z.string(),
  expiresAt: z.string(),
  user: User,
});
export type SignedIn = z.infer<typeof SignedIn>;

export const ApiTokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  user: z.string(),
  permissions: z.array(PermissionName),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;

const byName = z.object({ name: UserName });
const roleList = z.array(RoleName).min(1, 'Give at least one role').max(roleNames.length);
const groupList = z.array(GroupName).max(256);

export const authApi = {
  /** Whether the first administrator still has to be created (headless first run). Needs no sign-in. */
  'auth.status': {
    input: z.object({}).default({}),
    output: z.object({
      needsSetup: z.boolean(),
      /** The OS account is not signed in automatically: everyone signs in with a password. */
      sharedWorkstation: z.boolean(),
    }),
  },
  /** Marks the machine as shared (or not); an administrator's choice, recorded on the audit trail. */
  'auth.configure': {
    input: z.object({ sharedWorkstation: z.boolean() }),
    output: z.object({ sharedWorkstation: z.boolean() }),
  },
  /** Creates the first administrator; only with the server's printed setup token and only while no account exists. */
  'auth.setup': {
    input: z.object({ name: UserName, password: Password }),
    output: SignedIn,
  },
  'auth.signIn': {
    input: z.object({
      user: UserName,
      password: z.string().min(1, 'Give the password').max(1024),
      /** How long the session lasts (default 12 hours, at most 30 days). */
      ttlHours: z.number().int().min(1).max(720).optional(),
    }),
    output: SignedIn,
  },
  'auth.signOut': {
    input: z.object({}).default({}),
    output: z.object({ signedOut: z.boolean() }),
  },
  'auth.me': {
    input: z.object({}).default({}),
    output: z.object({
      user: User,
      /** What this caller may do: the roles' permissions, limited to an API token's scope. */
      permissions: z.array(PermissionName),
      via: z.enum(['session', 'apiToken', 'os', 'trusted']),
      expiresAt: z.string().nullable(),
    }),
  },
  /** Changes the caller's own password; other sessions of the account are signed out. */
  'auth.changePassword': {
    input: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: Password }),
    output: z.object({ changed: z.boolean() }),
  },

  'users.add': {
    input: z.object({ name: UserName, password: Password.optional(), roles: roleList, groups: groupList.default([]) }),
    output: User,
  },
  'users.list': {
    input: z.object({}).default({}),
    output: z.array(User),
  },
  'users.setRoles': { input: byName.extend({ roles: roleList }), output: User },
  'users.setGroups': { input: byName.extend({ groups: groupList }), output: User },
  /** Signs the account out everywhere; its API tokens stop working until it is enabled again. */
  'users.disable': { input: byName, output: User },
  'users.enable': { input: byName, output: User },
  /** An administrator sets someone's password; their sessions are signed out. */
  'users.setPassword': { input: byName.extend({ password: Password }), output: z.object({ changed: z.boolean() }) },

  /** The token is shown once, in this result; only its digest is kept. */
  'tokens.create': {
    input: z.object({
      name: z.string().trim().min(1, 'Name the token').max(100),
      permissions: z.array(PermissionName).min(1, 'Give at least one permission'),
      expiresInDays: z.number().int().min(1).max(3650).optional(),
    }),
    output: ApiTokenInfo.extend({ token: z.string() }),
  },
  /** The caller's tokens; `user` lists someone else's (needs `users.manage`). */
  'tokens.list': {
    input: z.object({ user: UserName.optional() }).default({}),
    output: z.array(ApiTokenInfo),
  },
  /** Revokes one of the caller's tokens, or anyone's with `users.manage`. */
  'tokens.revoke': {
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ revoked: z.boolean() }),
  },
} as const;

export type AuthMethod = keyof typeof authApi;
