import { z } from 'zod';

/**
 * Server-side paths are a capability: a path a caller names is read or written by the core, with the core's rights.
 * Only holders of `files.serverPaths` may name one, only inside the folders an administrator allows (import roots),
 * never inside the data directory; everyone else sends content instead.
 */
export const filesApi = {
  'files.roots.get': {
    input: z.object({}).default({}),
    output: z.object({
      /** null: none configured (only the local OS account may use server-side paths, anywhere outside the data directory). */
      roots: z.array(z.string()).nullable(),
      dataDir: z.string(),
    }),
  },
  'files.roots.set': {
    input: z.object({ roots: z.array(z.string().min(1)).max(64).nullable() }),
    output: z.object({ roots: z.array(z.string()).nullable(), dataDir: z.string() }),
  },
} as const;
