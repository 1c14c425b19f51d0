import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WalkResult {
  files: string[];
  /** Folders that were given: documents under them whose files are gone can be removed. */
  folders: string[];
  unreadable: Array<{ path: string; code: string; message: string }>;
}

/** Files under the given paths, folders recursively, each real file once (symlink loops cannot recurse forever). */
export async function walk(paths: string[], signal: AbortSignal): Promise<WalkResult> {
  const result: WalkResult = { files: [], folders: [], unreadable: [] };
  const seen = new Set<string>();
  const visit = async (target: string, given: boolean): Promise<void> => {
    if (signal.aborted) return;
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      result.unreadable.push(unreadable(target, error));
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    const stats = await stat(real).catch((error: unknown) => error as Error);
    if (stats instanceof Error) {
      result.unreadable.push(unreadable(target, stats));
      return;
    }
    if (stats.isFile()) {
      result.files.push(path.resolve(target));
      return;
    }
    if (!stats.isDirectory()) return;
    if (given) result.folders.push(path.resolve(target));
    const entries = await readdir(real, { withFileTypes: true }).catch((error: unknown) => error as Error);
    if (entries instanceof Error) {
      result.unreadable.push(unreadable(target, entries));
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue; // hidden files and folders (.git, .DS_Store) are not documents
      await visit(path.join(target, entry.name), false);
    }
  };
  for (const given of paths) await visit(path.resolve(given), true);
  return result;
}

function unreadable(target: string, error: unknown): { path: string; code: string; message: string } {
  const code = (error as { code?: string }).code;
  const message = code === 'ENOENT' ? `\`${target}\` does not exist` : code === 'EACCES' ? `\`${target}\` cannot be read (permission denied); check its permissions` : `\`${target}\` cannot be read: ${(error as Error).message}`;
  return { path: target, code: code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', message };
}
