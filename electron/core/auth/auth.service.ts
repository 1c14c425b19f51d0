import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import type { SignedIn } from '../contract/auth.api.js';
import type { CallContext } from '../contract/context.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditOutcome } from '../audit/audit.types.js';
import { ApiTokenStore } from './api-tokens.js';
import { actorOf, authFields, sourceOf } from './auth-context.js';
import { authError } from './auth-errors.js';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyNothing, verifyPassword, type ScryptParams } from './password.js';
import { BOOTSTRAP_ROLE } from './roles.js';
import { SessionStore } from './sessions.js';
import { SignInThrottle } from './throttle.js';
import { UsersRepo, type Account } from './users.repo.js';
import { WorkstationPolicy } from './workstation-policy.js';

export interface AuthServiceOptions {
  db: Db;
  audit: Pick<AuditService, 'queue'>;
  log?: (message: string) => void;
  now?: () => number;
  /** The headless server's printed setup token: while no account exists, it lets one visitor create the admin. */
  setupToken?: string;
  scrypt?: ScryptParams;
}

export interface AuditNote {
  action: string;
  target: string;
  outcome?: AuditOutcome;
  payload?: Record<string, unknown>;
}

/**
 * Accounts' security core: sign-in (throttled, audited, constant-time), the first administrator, sessions and
 * password changes. Account administration and API tokens are in accounts.service.ts, on the same stores.
 */
export class AuthService {
  readonly users: UsersRepo;
  readonly sessions: SessionStore;
  readonly tokens: ApiTokenStore;
  readonly throttle: SignInThrottle;
  readonly workstation: WorkstationPolicy;
  readonly now: () => number;
  readonly scrypt: ScryptParams;
  private setupToken: string | undefined;

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.users = new UsersRepo(options.db);
    this.sessions = new SessionStore(options.db, this.now);
    this.tokens = new ApiTokenStore(options.db, this.now);
    this.throttle = new SignInThrottle(options.db, this.now);
    this.workstation = new WorkstationPolicy(options.db);
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.setupToken = options.setupToken;
  }

  get db(): Db {
    return this.options.db;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Appends an audit entry; a failure to record is logged, never thrown at the caller. */
  record(ctx: CallContext | string, note: AuditNote): void {
    const actor = typeof ctx === 'string' ? ctx : actorOf(ctx);
    const context = typeof ctx === 'string' ? {} : { shell: ctx.shell, source: sourceOf(ctx) };
    this.options.audit
      .queue({ actor, action: note.action, target: note.target, outcome: note.outcome ?? 'success', payload: { ...context, ...note.payload } })
      .catch((error: unknown) => this.options.log?.(`[auth] could not record ${note.action}: ${(error as Error).message}`));
  }

  needsSetup(): boolean {
    return this.users.count() === 0;
  }

  /** Replaces the setup token (the server sets the one it prints); undefined disables setup by token. */
  useSetupToken(token: string | undefined): void {
    this.setupToken = token;
  }

  isSetupToken(token: string): boolean {
    if (this.setupToken === undefined || !this.needsSetup()) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(this.setupToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * First run: when no account exists, `name` becomes the administrator (the OS user for the CLI and the desktop,
   * without a password: it signs in as that OS user). Returns undefined when accounts exist already.
   */
  async ensureAdmin(name: string, options: { password?: string; actor?: string; reason?: string } = {}): Promise<Account | undefined> {
    if (!this.needsSetup()) return undefined;
    const hash = options.password === undefined ? null : await hashPassword(options.password, this.scrypt);
    return this.ensureAdminWithHash(name, hash, options.actor ?? 'system', options.reason ?? 'first run');
  }

  /** The synchronous part of `ensureAdmin`: checks and creates in one transaction, so two shells cannot both win. */
  ensureAdminWithHash(name: string, passwordHash: string | null, actor: string, reason: string): Account | undefined {
    const created = this.options.db
      .transaction(() => (this.users.count() > 0 ? undefined : this.users.insert({ name, passwordHash, roles: [BOOTSTRAP_ROLE], groups: [], createdBy: actor, now: this.iso() })))
      .immediate();
    if (created) this.record(actor, { action: 'users.add', target: `user:${created.name}`, payload: { roles: created.roles, reason, password: passwordHash !== null } });
    return created;
  }

  /** The printed setup token creates the first administrator, once; the token is then spent. */
  async setup(input: { name: string; password: string }, ctx: CallContext, ttlHours?: number): Promise<SignedIn> {
    const hash = await hashPassword(input.password, this.scrypt);
    const account = this.ensureAdminWithHash(input.name, hash, actorOf({ ...ctx, user: input.name }), 'setup link of the headless server');
    if (!account) {
      this.record(ctx, { action: 'auth.setup', target: `user:${input.name}`, outcome: 'denied', payload: { reason: 'accounts exist' } });
      throw authError('FORBIDDEN', 'Enclave is set up already; sign in with your account', { reason: 'setup done' });
    }
    this.setupToken = undefined;
    return this.openSession(account, ctx, ttlHours, 'auth.setup');
  }

  async signIn(input: { user: string; password: string; ttlHours?: number }, ctx: CallContext): Promise<SignedIn> {
    const claimed = input.user;
    const target = (account: Account | undefined): string => `user:${account?.name ?? claimed.toLowerCase()}`;
    let attempt;
    try {
      attempt = this.throttle.begin(claimed, sourceOf(ctx));
    } catch (error) {
      this.record(claimed, { action: 'auth.signIn', target: target(this.users.byName(claimed)), outcome: 'denied', payload: { shell: ctx.shell, source: sourceOf(ctx), reason: 'throttled', details: (error as { details?: unknown }).details } });
      throw error;
    }
    const account = this.users.byName(claimed);
    const ok = account?.passwordHash ? await verifyPassword(input.password, account.passwordHash) : await verifyNothing(input.password, this.scrypt);
    const failed = (reason: string): void => this.record(claimed, { action: 'auth.signIn', target: target(account), outcome: 'failure', payload: { shell: ctx.shell, source: sourceOf(ctx), reason } });
    if (!account || !ok) {
      failed(account ? (account.passwordHash ? 'wrong password' : 'account has no password') : 'unknown account');
      throw authError('UNAUTHORIZED', 'Wrong user name or password');
    }
    if (account.disabled) {
      failed('account disabled');
      throw authError('UNAUTHORIZED', `The account "${account.name}" is disabled; ask an administrator to enable it`);
    }
    this.throttle.succeeded(attempt);
    if (account.passwordHash && needsRehash(account.passwordHash, this.scrypt)) {
      this.users.setPasswordHash(account.id, await hashPassword(input.password, this.scrypt), this.iso());
    }
    return this.openSession(account, { ...ctx, user: account.name }, input.ttlHours, 'auth.signIn');
  }

  private openSession(account: Account, ctx: CallContext, ttlHours: number | undefined, action: string): SignedIn {
    const session = this.sessions.create(account.id, { ttlHours, shell: ctx.shell, source: sourceOf(ctx) });
    this.users.signedIn(account.id, this.iso());
    this.record(account.name, { action, target: `user:${account.name}`, payload: { shell: ctx.shell, source: sourceOf(ctx), session: session.id, expiresAt: session.expiresAt } });
    return { sessionToken: session.token, expiresAt: session.expiresAt, user: (this.users.byId(account.id) as Account).user };
  }

  /** Ends the caller's session; an API token or an OS sign-in has no session to end. */
  signOut(ctx: CallContext): { signedOut: boolean } {
    const by = authFields(ctx).authenticatedBy;
    if (by?.method !== 'session') return { signedOut: false };
    const signedOut = this.sessions.revoke(by.id);
    this.record(ctx, { action: 'auth.signOut', target: `user:${ctx.user}`, payload: { session: by.id } });
    return { signedOut };
  }

  /** The caller's own password, checked first (throttled like a sign-in); the account's other sessions end. */
  async changePassword(input: { currentPassword: string; newPassword: string }, ctx: CallContext): Promise<{ changed: boolean }> {
    const account = this.accountOf(ctx);
    const attempt = this.throttle.begin(account.name, sourceOf(ctx));
    const ok = account.passwordHash ? await verifyPassword(input.currentPassword, account.passwordHash) : await verifyNothing(input.currentPassword, this.scrypt);
    if (!ok) {
      this.record(ctx, { action: 'auth.changePassword', target: `user:${account.name}`, outcome: 'failure', payload: { reason: 'wrong current password' } });
      // Not UNAUTHORIZED: the caller is signed in, only the value typed is wrong (clients end sessions on UNAUTHORIZED).
      throw authError('INVALID_INPUT', account.passwordHash ? 'The current password is wrong' : 'This account has no password yet; an administrator sets one with `enclave users passwd`', { field: 'currentPassword' });
    }
    this.throttle.succeeded(attempt);
    this.users.setPasswordHash(account.id, await hashPassword(input.newPassword, this.scrypt), this.iso());
    const by = authFields(ctx).authenticatedBy;
    const ended = this.sessions.revokeAllFor(account.id, by?.method === 'session' ? by.id : undefined);
    this.record(ctx, { action: 'auth.changePassword', target: `user:${account.name}`, payload: { sessionsEnded: ended } });
    return { changed: true };
  }

  /** The caller's account; UNAUTHORIZED for a context whose user has none (a trusted local context). */
  accountOf(ctx: CallContext): Account {
    const account = ctx.user ? this.users.byName(ctx.user) : undefined;
    if (!account) throw authError('UNAUTHORIZED', `There is no Enclave account "${ctx.user}"; sign in with an account first`);
    return account;
  }
}
