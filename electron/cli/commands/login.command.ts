import { chmodSync, closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SignedIn } from '../../core/contract/auth.api.js';
import type { CallContext } from '../../core/contract/context.js';
import { AppError } from '../../core/contract/errors.js';
import type { AuthCallContext } from '../../core/auth/auth-context.js';
import { numberFlag, parse } from '../args.js';
import type { CliContext } from '../cli-context.js';

/** `<dataDir>/cli-session`: the session of `enclave login`, readable by its owner only. */
export const CLI_SESSION_FILE = 'cli-session';

export interface CliSession {
  user: string;
  token: string;
  expiresAt: string;
}

export function cliSessionPath(dataDir: string): string {
  return path.join(dataDir, CLI_SESSION_FILE);
}

/** The stored session, or undefined when there is none or it has expired. */
export function readCliSession(dataDir: string, now = Date.now()): CliSession | undefined {
  const file = cliSessionPath(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // Like ssh with a private key: a session others can read is not used.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new AppError('FORBIDDEN', `${file} is readable by other users; delete it and run \`enclave login\` again`);
  }
  try {
    const session = JSON.parse(text) as Partial<CliSession>;
    if (typeof session.token !== 'string' || typeof session.user !== 'string' || typeof session.expiresAt !== 'string') return undefined;
    return Date.parse(session.expiresAt) > now ? (session as CliSession) : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a fresh 0600 file, then renamed over the old one: never briefly readable by others. */
export function writeCliSession(dataDir: string, session: CliSession): void {
  const file = cliSessionPath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(session)}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

export function removeCliSession(dataDir: string): void {
  rmSync(cliSessionPath(dataDir), { force: true });
}

/** The OS account this process runs as (from the system, not from $USER, which any caller can set). */
export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'local';
  }
}

/**
 * The caller every CLI command presents: the session of `enclave login` when there is a live one, otherwise the
 * OS account (on first run it becomes the administrator). The core resolves either into user, roles and groups.
 */
export function cliCallContext(dataDir: string, osUser = osUserName()): CallContext {
  const session = readCliSession(dataDir);
  const ctx: AuthCallContext = session
    ? { shell: 'cli', user: session.user, groups: [], roles: [], source: 'local', credential: { kind: 'bearer', token: session.token } }
    : { shell: 'cli', user: osUser, groups: [], roles: [], source: 'local', credential: { kind: 'os', user: osUser } };
  return ctx;
}

/** A secret from the terminal without echo, or the first line of piped stdin. */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '');
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let value = '';
      const onData = (data: Buffer): void => {
        for (const char of data.toString('utf8')) {
          if (char === '\r' || char === '\n') return done(() => resolve(value));
          if (char === '\u0003') return done(() => reject(new AppError('CANCELLED', 'Cancelled')));
          if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
          else value += char;
        }
      };
      const done = (finish: () => void): void => {
        stdin.off('data', onData);
        process.stderr.write('\n');
        finish();
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/** `enclave login --user U [--hours N]`: the password from $ENCLAVE_PASSWORD, else stdin (a prompt on a terminal). */
export async function loginCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { user: { type: 'string', short: 'u' }, hours: { type: 'string' } });
  const user = values.user ?? positionals[0];
  if (!user) throw new AppError('INVALID_INPUT', 'Say who signs in: `enclave login --user NAME`');
  const password = process.env.ENCLAVE_PASSWORD ?? (await readSecret(`Password for ${user}: `));
  const signedIn = await cli.call<SignedIn>('auth.signIn', { user, password, ttlHours: numberFlag(values.hours, 'hours') });
  const dataDir = cli.core.info.dataDir;
  writeCliSession(dataDir, { user: signedIn.user.name, token: signedIn.sessionToken, expiresAt: signedIn.expiresAt });
  cli.ctx = cliCallContext(dataDir);
  // The token stays in the session file: it is never printed.
  cli.out.result({ user: signedIn.user, expiresAt: signedIn.expiresAt, sessionFile: cliSessionPath(dataDir) }, (r: { user: { name: string; roles: string[] }; expiresAt: string }) => `Signed in as ${r.user.name} (${r.user.roles.join(', ')}) until ${r.expiresAt}`);
}

/** `enclave logout`: ends the session in the database and removes the file. */
export async function logoutCommand(cli: CliContext, argv: string[]): Promise<void> {
  parse(argv, {});
  const dataDir = cli.core.info.dataDir;
  let signedOut = false;
  if (readCliSession(dataDir)) {
    const result = await cli.core.dispatch('auth.signOut', {}, cli.ctx);
    signedOut = result.ok && (result.value as { signedOut: boolean }).signedOut;
  }
  removeCliSession(dataDir);
  cli.ctx = cliCallContext(dataDir);
  cli.out.result({ signedOut }, () => (signedOut ? 'Signed out' : 'No session was open'));
}
