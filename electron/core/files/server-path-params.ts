import type { Method } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import type { PathAccess, ServerPathPolicy } from './server-path-policy.js';

type Admit = (given: string, access: PathAccess) => Promise<string>;
/** Whether a reference names a model in the library (`ENDPOINT/MODEL` names contain a slash but are no path). */
type IsModelName = (ref: string) => boolean;
type Rewrite = (input: Record<string, unknown>, admit: Admit, isModelName: IsModelName) => Promise<Record<string, unknown>>;

const optionalPath = (field: string, access: PathAccess): Rewrite => async (input, admit) =>
  typeof input[field] === 'string' ? { ...input, [field]: await admit(input[field], access) } : input;

/** A model named by something that looks like a file is a server-side path too (a GGUF file read by the core). */
const modelPath: Rewrite = async (input, admit, isModelName) => {
  const ref = input.model;
  if (typeof ref !== 'string' || !(ref.includes('/') || ref.includes('\\') || ref.toLowerCase().endsWith('.gguf'))) return input;
  if (isModelName(ref)) return input;
  return { ...input, model: await admit(ref, 'read') };
};

/**
 * THE table of contract fields that name a file or folder on the core's machine, like the permission table: each is
 * admitted by the path policy before the handler runs and replaced by its real path. A method that takes a path and
 * is missing here is a hole; test/files/server-paths.test.ts lists the contract's path fields against this table.
 */
export const serverPathFields: Partial<Record<Method, Rewrite>> = {
  'rag.ingest': async (input, admit) => (Array.isArray(input.paths) ? { ...input, paths: await Promise.all((input.paths as string[]).map((p) => admit(p, 'read'))) } : input),
  'rag.watch.add': optionalPath('folder', 'read'),
  'eval.datasets.import': optionalPath('path', 'read'),
  'eval.datasets.export': optionalPath('path', 'write'),
  'eval.suites.validate': optionalPath('path', 'read'),
  'eval.runs.start': optionalPath('path', 'read'),
  'models.import': optionalPath('path', 'read'),
  'transfer.export': optionalPath('path', 'write'),
  'transfer.inspect': optionalPath('path', 'read'),
  'transfer.import': optionalPath('path', 'read'),
  'inference.generate': modelPath,
  'inference.embed': modelPath,
  'inference.countTokens': modelPath,
};

/** The input with every server-side path admitted (or PATH_NOT_ALLOWED thrown) and made real. */
export async function admitServerPaths<T>(method: Method, input: T, ctx: CallContext, policy: ServerPathPolicy, isModelName: IsModelName = () => false): Promise<T> {
  const rewrite = serverPathFields[method];
  if (!rewrite || input === null || typeof input !== 'object') return input;
  return (await rewrite(input as Record<string, unknown>, (given, access) => policy.admit(ctx, given, access), isModelName)) as T;
}
