import path from 'node:path';
import { isMethod } from '../../electron/core/contract/api.js';
import { authApi, type AuthMethod, type RoleName, type SignedIn } from '../../electron/core/contract/auth.api.js';
import type { CallContext } from '../../electron/core/contract/context.js';
import { AppError, isAppError, type AppErrorShape, type Result } from '../../electron/core/contract/errors.js';
import { AuditService } from '../../electron/core/audit/audit.service.js';
import type { AuthCallContext } from '../../electron/core/auth/auth-context.js';
import { createAuthGate } from '../../electron/core/auth/auth-gate.js';
import { createAuthHandlers } from '../../electron/core/auth/auth.handlers.js';
import type { AuthService } from '../../electron/core/auth/auth.service.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import type { CoreOptions } from '../../electron/core/host/create-core.js';
import { openDatabase, type Db } from '../../native/sqlite/open.js';
import { tempDir } from '../helpers/fixtures.js';

/**
 * True once the lead has merged `authApi` into `api` and wired the gate into dispatch: the harness then calls the
 * real `core.dispatch`. Until then it puts the same steps in front of it (resolve + authorize, then validate and
 * run), exactly as proposed for dispatch.ts, so the tests below run unchanged either way.
 */
export const wired = isMethod('auth.signIn');

export interface Harness {
  dir: string;
  dataDir: string;
  /** The core, reached through (emulated or real) authorizing dispatch. */
  core: CoreHandle;
  /** The auth service on a second connection to the same database file, for looking behind the API. */
  auth: AuthService;
  db: Db;
  audit: AuditService;
  setupToken: string;
  call<T>(method: string, params: unknown, ctx: CallContext): Promise<T>;
  failure(method: string, params: unknown, ctx: CallContext): Promise<AppErrorShape>;
  job<T>(method: string, params: unknown, ctx: CallContext): Promise<T>;
  /** Lets queued audit entries reach the database. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function startHarness(): Harness {
  const temp = tempDir('enclave-auth-');
  const dataDir = path.join(temp.dir, 'data');
  const setupToken = `setup-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const inner = createInProcessCore({ dataDir, modelsDir: temp.dir, setupToken } as CoreOptions);
  const { db } = openDatabase(path.join(dataDir, 'enclave.db'));
  const audit = AuditService.open({ db, dataDir });
  const services = { db, audit, log: (message: string) => process.stderr.write(`${message}\n`) };
  const gate = createAuthGate(services, { setupToken });
  const handlers = createAuthHandlers(services) as Record<string, (input: unknown, ctx: CallContext) => unknown>;

  async function emulated(method: string, params: unknown, ctx: CallContext): Promise<Result<unknown>> {
    const isAuth = Object.hasOwn(authApi, method);
    if (!isAuth && !isMethod(method)) return fail(new AppError('UNKNOWN_METHOD', `No such method: ${method}`));
    let caller: CallContext;
    try {
      caller = gate.admit(method, ctx);
    } catch (error) {
      return fail(error);
    }
    if (!isAuth) return inner.dispatch(method, params, caller);
    const input = authApi[method as AuthMethod].input.safeParse(params ?? {});
    if (!input.success) return fail(new AppError('INVALID_INPUT', `Invalid parameters for ${method}`, input.error.issues));
    try {
      return { ok: true, value: await handlers[method]!(input.data, caller) };
    } catch (error) {
      return fail(error);
    }
  }

  const dispatch = wired ? inner.dispatch : emulated;
  const core: CoreHandle = { info: inner.info, dispatch, subscribe: inner.subscribe, close: inner.close };
  const call = async <T>(method: string, params: unknown, ctx: CallContext): Promise<T> => {
    const result = await dispatch(method, params, ctx);
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), result.error);
    return result.value as T;
  };
  const failure = async (method: string, params: unknown, ctx: CallContext): Promise<AppErrorShape> => {
    const result = await dispatch(method, params, ctx);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error;
  };
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    audit.flush();
  };
  return {
    dir: temp.dir,
    dataDir,
    core,
    auth: gate.auth,
    db,
    audit,
    setupToken,
    call,
    failure,
    job: async <T>(method: string, params: unknown, ctx: CallContext) => call<T>('jobs.wait', { jobId: (await call<{ jobId: string }>(method, params, ctx)).jobId }, ctx),
    settle,
    async close() {
      await settle();
      db.close();
      await inner.close();
      temp.cleanup();
    },
  };
}

function fail(error: unknown): Result<never> {
  if (isAppError(error)) return { ok: false, error: error.toShape() };
  throw error;
}

/** A context a local shell or test builds itself (no credential): trusted as given. */
export const trusted = (user: string, roles: RoleName[], groups: string[] = []): CallContext => ({ user, roles, groups, shell: 'test' });

/** What the HTTP shell would send for a bearer token (a session or API token, or the setup token). */
export const bearer = (token: string, source = '127.0.0.1'): CallContext => ({ user: '', roles: [], groups: [], shell: 'http', source, credential: { kind: 'bearer', token } }) as AuthCallContext;

/** What the HTTP shell sends before anyone has signed in. */
export const anonymousHttp = (source = '127.0.0.1'): CallContext => ({ user: '', roles: [], groups: [], shell: 'http', source }) as AuthCallContext;

export const admin = trusted('root-admin', ['admin']);

export const PASSWORD = 'correct horse battery staple';

/** Creates an account (as the trusted admin) and signs it in over HTTP; returns its bearer context. */
export async function signedIn(h: Harness, name: string, roles: RoleName[], groups: string[] = []): Promise<{ ctx: CallContext; session: SignedIn }> {
  await h.call('users.add', { name, password: PASSWORD, roles, groups }, admin);
  const session = await h.call<SignedIn>('auth.signIn', { user: name, password: PASSWORD }, anonymousHttp());
  return { ctx: bearer(session.sessionToken), session };
}
