import type { ApiTokenInfo, PermissionName, RoleName, User } from '../contract/auth.api.js';
import type { CallContext } from '../contract/context.js';
import { actorOf, authFields } from './auth-context.js';
import { authError } from './auth-errors.js';
import type { AuthService } from './auth.service.js';
import { hashPassword } from './password.js';
import { authorizeOwnerOr, grantedPermissions } from './permissions.js';
import { normaliseGroups, normaliseRoles } from './roles.js';
import type { Account } from './users.repo.js';

/** Account administration and API tokens; every change is on the audit trail. */
export class AccountsService {
  constructor(private readonly auth: AuthService) {}

  list(): User[] {
    return this.auth.users.list().map((a) => a.user);
  }

  async add(input: { name: string; password?: string; roles: RoleName[]; groups: string[] }, ctx: CallContext): Promise<User> {
    const exists = (): Error => {
      this.auth.record(ctx, { action: 'users.add', target: `user:${input.name}`, outcome: 'failure', payload: { reason: 'exists' } });
      return authError('USER_EXISTS', `There is an account "${input.name}" already (names ignore case); choose another name`, { name: input.name });
    };
    if (this.auth.users.byName(input.name)) throw exists();
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password, this.auth.scrypt);
    const roles = normaliseRoles(input.roles);
    const groups = normaliseGroups(input.groups);
    let account: Account;
    try {
      account = this.auth.users.insert({ name: input.name, passwordHash, roles, groups, createdBy: actorOf(ctx), now: this.auth.iso() });
    } catch (error) {
      // Another caller took the name while the password was being hashed.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw exists();
      throw error;
    }
    this.auth.record(ctx, { action: 'users.add', target: `user:${account.name}`, payload: { roles, groups, password: passwordHash !== null } });
    return account.user;
  }

  setRoles(name: string, roles: RoleName[], ctx: CallContext): User {
    const account = this.find(name, ctx, 'users.setRoles');
    const after = normaliseRoles(roles);
    if (account.roles.includes('admin') && !after.includes('admin')) this.keepAnAdmin(account, ctx, 'users.setRoles', 'take the admin role from');
    this.auth.users.setRoles(account.id, after, this.auth.iso());
    this.auth.record(ctx, { action: 'users.setRoles', target: `user:${account.name}`, payload: { before: account.roles, after } });
    return this.reload(account);
  }

  setGroups(name: string, groups: string[], ctx: CallContext): User {
    const account = this.find(name, ctx, 'users.setGroups');
    const after = normaliseGroups(groups);
    this.auth.users.setGroups(account.id, after, this.auth.iso());
    this.auth.record(ctx, { action: 'users.setGroups', target: `user:${account.name}`, payload: { before: account.groups, after } });
    return this.reload(account);
  }

  /** Disabling signs the account out everywhere at once; its API tokens are refused while it stays disabled. */
  setDisabled(name: string, disabled: boolean, ctx: CallContext): User {
    const action = disabled ? 'users.disable' : 'users.enable';
    const account = this.find(name, ctx, action);
    if (disabled && account.roles.includes('admin')) this.keepAnAdmin(account, ctx, action, 'disable');
    this.auth.users.setDisabled(account.id, disabled, this.auth.iso());
    const sessionsEnded = disabled ? this.auth.sessions.revokeAllFor(account.id) : 0;
    this.auth.record(ctx, { action, target: `user:${account.name}`, payload: { sessionsEnded } });
    return this.reload(account);
  }

  async setPassword(name: string, password: string, ctx: CallContext): Promise<{ changed: boolean }> {
    const account = this.find(name, ctx, 'users.setPassword');
    this.auth.users.setPasswordHash(account.id, await hashPassword(password, this.auth.scrypt), this.auth.iso());
    const by = authFields(ctx).authenticatedBy;
    const self = account.name === ctx.user && by?.method === 'session' ? by.id : undefined;
    const sessionsEnded = this.auth.sessions.revokeAllFor(account.id, self);
    this.auth.record(ctx, { action: 'users.setPassword', target: `user:${account.name}`, payload: { sessionsEnded } });
    return { changed: true };
  }

  /** A token can do at most what its creator may do now; asking for more is refused, not silently trimmed. */
  createToken(input: { name: string; permissions: PermissionName[]; expiresInDays?: number }, ctx: CallContext): ApiTokenInfo & { token: string } {
    const account = this.auth.accountOf(ctx);
    const granted = grantedPermissions(ctx);
    const missing = input.permissions.filter((p) => !granted.has(p));
    if (missing.length > 0) {
      this.auth.record(ctx, { action: 'tokens.create', target: `user:${account.name}`, outcome: 'denied', payload: { name: input.name, missing } });
      throw authError('FORBIDDEN', `A token cannot grant what you may not do yourself: ${missing.join(', ')}`, { missing });
    }
    const created = this.auth.tokens.create(account.id, input);
    this.auth.record(ctx, { action: 'tokens.create', target: `token:${created.id}`, payload: { user: account.name, name: created.name, permissions: created.permissions, expiresAt: created.expiresAt } });
    return created;
  }

  listTokens(user: string | undefined, ctx: CallContext): ApiTokenInfo[] {
    const owner = user ?? ctx.user;
    authorizeOwnerOr(ctx, owner, 'users.manage', "list another account's tokens");
    const account = this.auth.users.byName(owner);
    if (!account) throw authError('NOT_FOUND', `There is no account "${owner}"`);
    return this.auth.tokens.listFor(account.id);
  }

  revokeToken(id: string, ctx: CallContext): { revoked: boolean } {
    const token = this.auth.tokens.get(id);
    // Someone else's token id is answered like an unknown one, so ids cannot be probed.
    if (!token || (token.user.toLowerCase() !== ctx.user.toLowerCase() && !grantedPermissions(ctx).has('users.manage'))) {
      throw authError('NOT_FOUND', `There is no token ${id} of yours; \`enclave tokens list\` shows them`);
    }
    const revoked = this.auth.tokens.revoke(id);
    this.auth.record(ctx, { action: 'tokens.revoke', target: `token:${id}`, payload: { user: token.user, name: token.name, revoked } });
    return { revoked };
  }

  private find(name: string, ctx: CallContext, action: string): Account {
    const account = this.auth.users.byName(name);
    if (!account) {
      this.auth.record(ctx, { action, target: `user:${name}`, outcome: 'failure', payload: { reason: 'no such account' } });
      throw authError('NOT_FOUND', `There is no account "${name}"; \`enclave users list\` shows them`, { name });
    }
    return account;
  }

  /** Refuses to leave Enclave without an enabled administrator. */
  private keepAnAdmin(account: Account, ctx: CallContext, action: string, verb: string): void {
    if (account.disabled || this.auth.users.otherActiveAdmins(account.id) > 0) return;
    this.auth.record(ctx, { action, target: `user:${account.name}`, outcome: 'failure', payload: { reason: 'last administrator' } });
    throw authError('INVALID_INPUT', `"${account.name}" is the last enabled administrator; make someone else an administrator before you ${verb} this account`);
  }

  private reload(account: Account): User {
    return (this.auth.users.byId(account.id) as Account).user;
  }
}
