// Relationships of an OOXML or EPUB part: which file a reference (r:id) points to.
import path from 'node:path';
import type { ZipArchive } from './zip-archive.js';
import { attr, findAll, parseXml } from './xml-tree.js';

export interface Relationship {
  target: string;
  type: string;
  external: boolean;
}

/** `ppt/slides/slide1.xml` → its relationships, targets resolved to archive paths. */
export async function readRelationships(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const relsPath = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  const rels = new Map<string, Relationship>();
  if (!zip.has(relsPath)) return rels;
  for (const node of findAll(parseXml(await zip.readText(relsPath)), ['Relationship'])) {
    const id = attr(node, 'Id');
    const target = attr(node, 'Target');
    if (!id || !target) continue;
    const external = attr(node, 'TargetMode') === 'External';
    rels.set(id, {
      target: external ? target : resolvePart(part, target),
      type: attr(node, 'Type') ?? '',
      external,
    });
  }
  return rels;
}

export function resolvePart(from: string, target: string): string {
  const clean = decodeURI(target.split('#')[0] ?? '');
  return clean.startsWith('/') ? clean.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), clean));
}
