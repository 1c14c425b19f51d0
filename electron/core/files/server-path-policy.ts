import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import { authFields } from '../auth/auth-context.js';
import { holds } from '../auth/permissions.js';
import { realDataDir, type ImportRoots } from './import-roots.js';
import { isInside } from './path-inside.js';

export type PathAccess = 'read' | 'write';

const HOW_TO_ALLOW = 'an administrator allows folders with `enclave files roots set DIR...` (files.roots.set)';

/**
 * Decides whether a caller may have the core read or write a path on its machine, and returns the real path (after
 * symlinks) that the work must use, so a link swapped in later cannot redirect it.
 *
 * - Only holders of `files.serverPaths` name server-side paths (administrators by default); others upload content.
 * - The path must lie inside an import root, both as written and after symlinks. With no roots configured, only the
 *   local OS account (CLI, desktop app, the server's own URL token) may use paths, anywhere it can read itself.
 * - Never the data directory (database, audit keys, CLI session, uploads), whatever the roots say.
 */
export class ServerPathPolicy {
  constructor(
    private readonly roots: ImportRoots,
    private readonly dataDir: string,
  ) {}

  async admit(ctx: CallContext, given: string, access: PathAccess): Promise<string> {
    if (!holds(ctx, 'files.serverPaths')) {
      throw refuse(given, `${ctx.user || 'This caller'} may not name files on the server (\`${given}\`): server-side paths need the permission "files.serverPaths" (administrators). Send the file's content instead (upload)`);
    }
    const roots = this.allowedRoots(ctx);
    if (roots.length === 0) throw refuse(given, `No import roots are configured, so the server reads and writes no path a caller names (\`${given}\`); ${HOW_TO_ALLOW}, or send the content instead`);
    const resolved = path.resolve(given);
    const real = await realOf(resolved);
    if (access === 'write') await refuseLinkTarget(resolved, given);
    const dataDir = realDataDir(this.dataDir);
    if (isInside(real, dataDir) || isInside(resolved, path.resolve(this.dataDir))) {
      throw refuse(given, `\`${given}\` is inside the data directory (database, keys, sessions); it is never read or written through a path`);
    }
    if (!roots.some((root) => isInside(real, root) && isInside(resolved, root))) {
      throw refuse(given, `\`${given}\` is outside the import roots (${roots.join(', ')}) after following symlinks; ${HOW_TO_ALLOW}`, { roots });
    }
    return real;
  }

  /** Configured roots apply to everyone; without any, the local OS account keeps its own files. */
  private allowedRoots(ctx: CallContext): string[] {
    const configured = this.roots.get();
    if (configured !== null) return configured;
    const method = authFields(ctx).authenticatedBy?.method;
    return method === 'os' || method === 'trusted' ? [path.parse(process.cwd()).root] : [];
  }
}

function refuse(given: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('PATH_NOT_ALLOWED', message, { path: given, ...extra });
}

/** The real path of `target`, or of its nearest existing ancestor with the rest appended (a file yet to be written). */
async function realOf(target: string): Promise<string> {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) return target;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** A write never goes through a symlink: the link could point anywhere the server may write. */
async function refuseLinkTarget(resolved: string, given: string): Promise<void> {
  const stats = await lstat(resolved).catch(() => undefined);
  if (stats?.isSymbolicLink()) throw refuse(given, `\`${given}\` is a symbolic link; exports are never written through a link`);
}
