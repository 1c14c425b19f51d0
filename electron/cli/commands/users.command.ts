import type { ApiTokenInfo, User } from '../../core/contract/auth.api.js';
import { AppError } from '../../core/contract/errors.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';
import { readSecret } from './login.command.js';

const userOptions = {
  role: { type: 'string' },
  roles: { type: 'string' },
  groups: { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
  'no-password': { type: 'boolean', default: false },
} as const;

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);

function userRows(users: User[]): Array<Record<string, unknown>> {
  return users.map((u) => ({ name: u.name, roles: u.roles.join(','), groups: u.groups.join(','), status: u.disabled ? 'disabled' : 'enabled', password: u.hasPassword ? 'yes' : 'os only', lastSignIn: u.lastSignInAt ?? '' }));
}

const describe = (u: User): string => `${u.name}: ${u.roles.join(', ')}${u.groups.length ? `; groups ${u.groups.join(', ')}` : ''}${u.disabled ? ' (disabled)' : ''}`;

/**
 * A new password: `--password-stdin` reads the first line of stdin; a terminal is asked twice; otherwise
 * $ENCLAVE_NEW_PASSWORD (never $ENCLAVE_PASSWORD, which is the signed-in user's own).
 */
async function newPassword(fromStdin: boolean, required: boolean): Promise<string | undefined> {
  if (fromStdin) return readSecret('');
  if (process.stdin.isTTY) {
    const first = await readSecret('New password: ');
    if (first === '' && !required) return undefined;
    if ((await readSecret('Repeat it: ')) !== first) throw new AppError('INVALID_INPUT', 'The two passwords differ; try again');
    return first;
  }
  const fromEnv = process.env.ENCLAVE_NEW_PASSWORD;
  if (fromEnv === undefined && required) throw new AppError('INVALID_INPUT', 'Give the new password with --password-stdin, $ENCLAVE_NEW_PASSWORD or on a terminal');
  return fromEnv;
}

/** `enclave users add|list|set-role|set-groups|disable|enable|passwd`. */
export async function usersCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, userOptions);
  const [verb, ...rest] = positionals;
  const show = async (method: string, params: unknown, done: string): Promise<void> => {
    const user = await cli.call<User>(method, params);
    cli.out.result(user, (u: User) => `${done} ${describe(u)}`);
  };
  switch (verb) {
    case 'add': {
      const name = requirePositional(rest, 0, 'the new user name');
      const password = values['no-password'] ? undefined : await newPassword(values['password-stdin'], false);
      const roles = list(values.roles ?? values.role);
      await show('users.add', { name, password, roles: roles.length ? roles : ['viewer'], groups: list(values.groups) }, password === undefined ? 'Added (no password: signs in only as the OS user of that name)' : 'Added');
      return;
    }
    case 'list':
    case 'ls': {
      const users = await cli.call<User[]>('users.list', {});
      cli.out.result(users, (all: User[]) => table(userRows(all), ['name', 'roles', 'groups', 'status', 'password', 'lastSignIn']));
      return;
    }
    case 'set-role':
    case 'set-roles': {
      const name = requirePositional(rest, 0, 'a user name');
      const roles = list(rest[1] ?? values.roles ?? values.role);
      if (roles.length === 0) throw new AppError('INVALID_INPUT', 'Give the roles, e.g. `enclave users set-role alice analyst,labeler`');
      await show('users.setRoles', { name, roles }, 'Roles set:');
      return;
    }
    case 'set-groups': {
      const name = requirePositional(rest, 0, 'a user name');
      await show('users.setGroups', { name, groups: list(rest[1] ?? values.groups) }, 'Groups set:');
      return;
    }
    case 'disable':
    case 'enable':
      await show(verb === 'disable' ? 'users.disable' : 'users.enable', { name: requirePositional(rest, 0, 'a user name') }, verb === 'disable' ? 'Disabled (signed out everywhere):' : 'Enabled:');
      return;
    case 'passwd':
    case 'set-password': {
      const name = requirePositional(rest, 0, 'a user name');
      const password = await newPassword(values['password-stdin'], true);
      const result = await cli.call<{ changed: boolean }>('users.setPassword', { name, password });
      cli.out.result(result, () => `Password of ${name} set; their sessions were signed out`);
      return;
    }
    case 'shared-workstation': {
      const choice = rest[0];
      if (choice !== 'on' && choice !== 'off') throw new AppError('INVALID_INPUT', 'Say `enclave users shared-workstation on` (everyone signs in with a password) or `off`');
      const result = await cli.call<{ sharedWorkstation: boolean }>('auth.configure', { sharedWorkstation: choice === 'on' });
      cli.out.result(result, (r: { sharedWorkstation: boolean }) =>
        r.sharedWorkstation ? 'Shared workstation: the OS account is no longer signed in; everyone signs in with a password' : 'Single-user workstation: the OS account signs in by itself');
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "users ${verb ?? ''}"; use add, list, set-role, set-groups, disable, enable, passwd or shared-workstation`);
  }
}

/** `enclave tokens create NAME --permissions P,... [--days N] | list [--user U] | revoke ID`. */
export async function tokensCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { permissions: { type: 'string' }, days: { type: 'string' }, user: { type: 'string' } });
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'create': {
      const name = requirePositional(rest, 0, 'a name for the token');
      const created = await cli.call<ApiTokenInfo & { token: string }>('tokens.create', { name, permissions: list(values.permissions), expiresInDays: numberFlag(values.days, 'days') });
      cli.out.result(created, (t: ApiTokenInfo & { token: string }) => `${t.token}\n(shown once: store it now) token ${t.id} "${t.name}": ${t.permissions.join(', ')}${t.expiresAt ? `, expires ${t.expiresAt}` : ''}`);
      return;
    }
    case 'list':
    case 'ls': {
      const tokens = await cli.call<ApiTokenInfo[]>('tokens.list', values.user ? { user: values.user } : {});
      cli.out.result(tokens, (all: ApiTokenInfo[]) => table(all.map((t) => ({ ...t, permissions: t.permissions.join(','), revokedAt: t.revokedAt ?? '' })) as Array<Record<string, unknown>>, ['id', 'name', 'user', 'permissions', 'expiresAt', 'lastUsedAt', 'revokedAt']));
      return;
    }
    case 'revoke': {
      const id = requirePositional(rest, 0, 'a token id (see `enclave tokens list`)');
      const result = await cli.call<{ revoked: boolean }>('tokens.revoke', { id });
      cli.out.result(result, (r: { revoked: boolean }) => (r.revoked ? `Revoked ${id}` : `${id} was revoked already`));
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "tokens ${verb ?? ''}"; use create, list or revoke`);
  }
}
