import type { filesApi } from '../contract/files.api.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { ImportRoots } from './import-roots.js';

/** Import roots: where holders of `files.serverPaths` may have the core read and write files. */
export function createFilesHandlers(s: CoreServices): HandlersFor<keyof typeof filesApi> {
  const roots = new ImportRoots(s.db, s.dataDir);
  return {
    'files.roots.get': () => ({ roots: roots.get(), dataDir: s.dataDir }),
    'files.roots.set': ({ roots: wanted }) => ({ roots: roots.set(wanted), dataDir: s.dataDir }),
  };
}
