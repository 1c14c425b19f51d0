import path from 'node:path';

/** True when `candidate` is `folder` itself or lies below it (both absolute, already resolved). */
export function isInside(candidate: string, folder: string): boolean {
  const relative = path.relative(folder, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
