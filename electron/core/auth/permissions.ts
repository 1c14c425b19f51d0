import type { Method } from '../contract/api.js';
import { permissionNames, type AuthMethod, type PermissionName, type RoleName } from '../contract/auth.api.js';
import type { CallContext } from '../contract/context.js';
import { authFields } from './auth-context.js';
import { authError } from './auth-errors.js';
import { isRole, roleNames } from './roles.js';

/** `public`: callable before signing in; `setup`: only with the server's first-run setup token. */
export type Requirement = PermissionName | 'public' | 'setup';

/**
 * THE table: the permission every contract method needs. Dispatch looks it up before any handler runs; a method
 * missing here fails to compile and fails test/auth/permissions.test.ts, and at run time it is refused (fail closed).
 */
export const methodPermissions = {
  'app.info': 'app.read',

  'models.list': 'models.read',
  'models.get': 'models.read',
  'models.import': 'models.manage',
  'models.scan': 'models.manage',
  'models.update': 'models.manage',
  'models.remove': 'models.manage',
  'models.approve': 'models.approve',
  'models.reject': 'models.approve',
  'models.retire': 'models.manage',
  'models.reinstate': 'models.approve',
  'models.usage': 'models.read',
  'models.history': 'models.read',

  'inference.generate': 'inference.run',
  'inference.embed': 'inference.run',
  'inference.countTokens': 'inference.run',
  'inference.status': 'models.read',
  'inference.unload': 'models.manage',

  'settings.get': 'settings.read',
  'settings.update': 'settings.manage',

  'jobs.list': 'jobs.read',
  'jobs.get': 'jobs.read',
  'jobs.wait': 'jobs.read',
  'jobs.cancel': 'jobs.cancel',

  'rag.collections.create': 'rag.manage',
  'rag.collections.list': 'rag.read',
  'rag.collections.get': 'rag.read',
  'rag.collections.update': 'rag.manage',
  'rag.collections.history': 'rag.read',
  'rag.collections.remove': 'rag.manage',
  'rag.ingest': 'rag.ingest',
  'rag.watch.add': 'rag.ingest',
  'rag.watch.list': 'rag.read',
  'rag.watch.remove': 'rag.ingest',
  'rag.documents.list': 'rag.read',
  'rag.documents.get': 'rag.read',
  'rag.documents.remove': 'rag.ingest',
  'rag.search': 'rag.read',
  'rag.ask': 'rag.ask',
  'rag.traces.get': 'rag.read',

  'audit.list': 'audit.read',
  'audit.get': 'audit.read',
  'audit.verify': 'audit.read',
  'audit.export': 'audit.export',
  'audit.publicKey': 'audit.read',
  'audit.verifyExport': 'audit.read',
  'audit.purge': 'audit.manage',

  'guard.restore': 'guard.restore',
  // Scanning a pasted text reads nothing stored: every signed-in caller may check their own text.
  'guard.scan': 'app.read',

  'auth.status': 'public',
  'auth.configure': 'users.manage',
  'auth.setup': 'setup',
  'auth.signIn': 'public',
  'auth.signOut': 'account.self',
  'auth.me': 'account.self',
  'auth.changePassword': 'account.self',

  'users.add': 'users.manage',
  'users.list': 'users.read',
  'users.setRoles': 'users.manage',
  'users.setGroups': 'users.manage',
  'users.disable': 'users.manage',
  'users.enable': 'users.manage',
  'users.setPassword': 'users.manage',

  'tokens.create': 'tokens.own',
  'tokens.list': 'tokens.own',
  'tokens.revoke': 'tokens.own',

  'prompts.create': 'prompts.manage', 'prompts.version': 'prompts.manage', 'prompts.label': 'prompts.manage', 'prompts.rollback': 'prompts.manage',
  'prompts.suggestBump': 'prompts.read', 'prompts.list': 'prompts.read', 'prompts.show': 'prompts.read', 'prompts.diff': 'prompts.read',
  'prompts.history': 'prompts.read', 'prompts.resolve': 'prompts.read', 'prompts.render': 'prompts.read', 'prompts.run': 'inference.run',
  'prompts.ab.create': 'prompts.manage', 'prompts.ab.promote': 'prompts.manage', 'prompts.ab.rollback': 'prompts.manage',
  'prompts.ab.list': 'prompts.read', 'prompts.ab.get': 'prompts.read', 'prompts.ab.assign': 'prompts.read', 'prompts.ab.record': 'eval.label',

  'eval.datasets.import': 'eval.run', 'eval.datasets.export': 'eval.read', 'eval.datasets.list': 'eval.read', 'eval.datasets.show': 'eval.read',
  'eval.suites.validate': 'eval.read', 'eval.runs.start': 'eval.run', 'eval.runs.resume': 'eval.run', 'eval.runs.list': 'eval.read',
  'eval.runs.get': 'eval.read', 'eval.runs.results': 'eval.read', 'eval.runs.compare': 'eval.read', 'eval.judge.grade': 'eval.run', 'eval.judge.pairwise': 'eval.run',
  'eval.datasets.label': 'eval.label',
  // Red-team runs are evaluations: the same permissions run and read them (issue 13).
  'redteam.runs.start': 'eval.run', 'redteam.runs.list': 'eval.read', 'redteam.runs.get': 'eval.read', 'redteam.runs.report': 'eval.read',
  'redteam.runs.compare': 'eval.read', 'redteam.probes.list': 'eval.read', 'eval.benchmark.run': 'eval.run',

  'review.list': 'review.decide', 'review.show': 'review.decide', 'review.decide': 'review.decide', 'review.result': 'rag.ask',
  'review.policies.set': 'rag.manage', 'review.policies.list': 'rag.read',
  'labeling.questions.set': 'eval.run', 'labeling.questions.list': 'eval.read', 'labeling.assign': 'eval.run', 'labeling.queue': 'eval.label',
  'labeling.submit': 'eval.label', 'labeling.progress': 'eval.read', 'labeling.agreement': 'eval.read', 'labeling.adjudicate': 'eval.run', 'labeling.gold': 'eval.read',
  'labeling.publishGold': 'eval.run',
  'compliance.decisionRecord': 'rag.read', 'compliance.modelCard': 'models.read', 'compliance.modelCardVersions': 'models.read',
  'bias.run': 'eval.run', 'bias.list': 'eval.read', 'bias.get': 'eval.read',

  // Own traces need only a signed-in account; the handlers widen to everyone's with monitor.read (see observability.service.ts).
  'traces.list': 'account.self', 'traces.get': 'account.self', 'traces.export': 'account.self', 'traces.feedback': 'account.self',
  'traces.toDataset': 'eval.run',
  'traces.retention.get': 'monitor.read', 'traces.retention.set': 'monitor.manage', 'traces.purge': 'monitor.manage',
  'monitor.summary': 'monitor.read',
  'drift.check': 'monitor.read',
  'monitor.alerts.get': 'monitor.read', 'monitor.alerts.set': 'monitor.manage', 'monitor.alerts.evaluate': 'monitor.read',
  'monitor.online.get': 'monitor.read', 'monitor.online.set': 'monitor.manage',
  'drift.schedule.get': 'monitor.read', 'drift.schedule.set': 'monitor.manage', 'drift.schedule.run': 'monitor.manage',
  'monitor.siem.get': 'monitor.manage', 'monitor.siem.set': 'monitor.manage', 'monitor.siem.test': 'monitor.manage',

  // Routes are model names everyone may choose; own usage needs only an account (usage.handlers.ts widens with usage.read).
  'routes.list': 'models.read', 'routes.get': 'models.read', 'routes.explain': 'models.read', 'routes.set': 'gateway.manage', 'routes.remove': 'gateway.manage',
  'quotas.list': 'usage.read', 'quotas.set': 'gateway.manage', 'quotas.remove': 'gateway.manage',
  'prices.list': 'models.read', 'prices.set': 'gateway.manage', 'prices.remove': 'gateway.manage',
  'usage.summary': 'account.self', 'usage.cache.clear': 'gateway.manage',

  'files.roots.get': 'settings.read',
  'files.roots.set': 'settings.manage',

  // Saved Playground chats: part of running models; each call acts on the caller's own conversations only.
  'conversations.list': 'inference.run', 'conversations.get': 'inference.run', 'conversations.save': 'inference.run',
  'conversations.rename': 'inference.run', 'conversations.remove': 'inference.run',

  'endpoints.list': 'endpoints.read', 'endpoints.test': 'endpoints.read',
  'endpoints.add': 'endpoints.manage', 'endpoints.update': 'endpoints.manage', 'endpoints.remove': 'endpoints.manage', 'endpoints.discover': 'endpoints.manage',

  'transfer.export': 'transfers.export', 'transfer.inventory': 'transfers.export', 'transfer.inspect': 'transfers.import', 'transfer.import': 'transfers.import',
  'transfer.sync': 'transfers.import', 'transfer.provenance': 'transfers.import', 'transfer.trust.self': 'app.read', 'transfer.trust.list': 'transfers.import',
  'transfer.trust.add': 'transfers.trust', 'transfer.trust.remove': 'transfers.trust',

  // The OpenAI-compatible API: listing what one may run is part of running (a token scoped to inference.run lists too).
  'openai.generate': 'inference.run', 'openai.cancel': 'inference.run', 'openai.embed': 'inference.run', 'openai.models': 'inference.run',
  'openai.settings.get': 'settings.read', 'openai.settings.update': 'settings.manage',
} as const satisfies { readonly [M in Method | AuthMethod]: Requirement };

const everyoneSignedIn: readonly PermissionName[] = ['app.read', 'models.read', 'settings.read', 'jobs.read', 'tokens.own', 'account.self'];

/** THE other table: which role holds which permission. */
export const rolePermissions: { readonly [R in RoleName]: readonly PermissionName[] } = {
  admin: permissionNames,
  analyst: [...everyoneSignedIn, 'inference.run', 'jobs.cancel', 'rag.read', 'rag.ask', 'rag.ingest', 'rag.manage', 'prompts.read', 'prompts.manage', 'eval.read', 'eval.run', 'eval.label', 'monitor.read'],
  labeler: [...everyoneSignedIn, 'jobs.cancel', 'rag.read', 'prompts.read', 'eval.read', 'eval.label'],
  reviewer: [...everyoneSignedIn, 'rag.read', 'rag.ask', 'prompts.read', 'eval.read', 'review.decide'],
  'security-auditor': [...everyoneSignedIn, 'audit.read', 'audit.export', 'users.read', 'prompts.read', 'eval.read', 'monitor.read', 'usage.read'],
  viewer: [...everyoneSignedIn, 'rag.read', 'prompts.read', 'eval.read'],
};

export function requirementOf(method: string): Requirement | undefined {
  return Object.hasOwn(methodPermissions, method) ? methodPermissions[method as keyof typeof methodPermissions] : undefined;
}

/** The roles that grant a permission, for messages that say what to ask for. */
export function rolesGranting(permission: PermissionName): RoleName[] {
  return roleNames.filter((role) => rolePermissions[role].includes(permission));
}

/** What the caller may do: the union of its roles' permissions, limited to an API token's scope. */
export function grantedPermissions(ctx: CallContext): Set<PermissionName> {
  const granted = new Set<PermissionName>();
  for (const role of ctx.roles) if (isRole(role)) for (const p of rolePermissions[role]) granted.add(p);
  const scope = authFields(ctx).permissions;
  if (scope) for (const p of [...granted]) if (!scope.includes(p)) granted.delete(p);
  return granted;
}

export function holds(ctx: CallContext, permission: PermissionName): boolean {
  return grantedPermissions(ctx).has(permission);
}

/**
 * Decides whether the caller may call `method`, from the two tables alone. Throws UNAUTHORIZED for a caller who has
 * not signed in, FORBIDDEN (with the permission and the roles that grant it) for one who may not.
 */
export function authorize(method: string, ctx: CallContext): void {
  const required = requirementOf(method);
  if (required === undefined) {
    throw authError('FORBIDDEN', `"${method}" declares no permission, so nobody may call it; add it to electron/core/auth/permissions.ts`, { method });
  }
  if (required === 'public') return;
  const auth = authFields(ctx);
  if (required === 'setup') {
    if (auth.authenticatedBy?.method === 'setup') return;
    throw authError('FORBIDDEN', 'The first administrator is created with the setup link printed by `enclave serve`, and only while no account exists', { method });
  }
  if (!ctx.user) throw authError('UNAUTHORIZED', `Sign in to call "${method}"`, { method });
  if (holds(ctx, required)) return;
  const granting = rolesGranting(required);
  const details = { method, permission: required, roles: ctx.roles, rolesGranting: granting };
  const token = auth.authenticatedBy?.method === 'apiToken' ? auth.authenticatedBy : undefined;
  if (token && auth.permissions && !auth.permissions.includes(required) && holdsByRoles(ctx, required)) {
    throw authError('FORBIDDEN', `The API token "${token.name}" is limited to ${auth.permissions.join(', ')}; "${method}" needs "${required}": create a token that includes it`, details);
  }
  const held = ctx.roles.length > 0 ? `the role${ctx.roles.length > 1 ? 's' : ''} ${ctx.roles.join(', ')}` : 'no role';
  throw authError('FORBIDDEN', `${ctx.user} may not call "${method}": it needs the permission "${required}", which ${held} ${ctx.roles.length > 1 ? 'do' : 'does'} not grant. ${howToGet(ctx, required)}`, details);
}

/** The roles short of administrator that grant a permission, fewest permissions first: what a refusal may suggest. */
export function narrowRolesGranting(permission: PermissionName): RoleName[] {
  return rolesGranting(permission).filter((role) => role !== 'admin').sort((a, b) => rolePermissions[a].length - rolePermissions[b].length);
}

/** Never "make them an administrator": the narrowest role that grants the permission, or a request for access. */
function howToGet(ctx: CallContext, permission: PermissionName): string {
  const roles = narrowRolesGranting(permission);
  if (roles.length === 0) return 'Ask an administrator for access';
  const which = roles.length > 1 ? `one of the roles ${roles.join(', ')}` : `the role ${roles.join('')}`;
  return `Ask an administrator for ${which} (\`enclave users set-role ${ctx.user} ${[...ctx.roles, roles[0]].join(',')}\`)`;
}

function holdsByRoles(ctx: CallContext, permission: PermissionName): boolean {
  return ctx.roles.some((role) => isRole(role) && rolePermissions[role].includes(permission));
}

/** Object-level rule beside the table: acting on one's own thing needs the table's permission, on someone else's `other`. */
export function authorizeOwnerOr(ctx: CallContext, owner: string, other: PermissionName, what: string): void {
  if (owner.toLowerCase() === ctx.user.toLowerCase()) return;
  if (!holds(ctx, other)) throw authError('FORBIDDEN', `Only the owner or a holder of "${other}" may ${what}`, { permission: other });
}
