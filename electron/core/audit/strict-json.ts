/**
 * JSON.parse keeps the last of two equal keys, so `"actor":"mallory","actor":"root"` verifies as root's entry
 * while another reader (a SIEM, a script, a person) sees mallory. An audit line must mean one thing to every
 * reader: a key named twice in any object makes the line tampered.
 */

/** The first key named twice in one object of `text`, which JSON.parse has already accepted; none → undefined. */
export function duplicateKey(text: string): string | undefined {
  // One entry per open container: the keys seen so far in an object, null for an array.
  const open: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      const keys = open[open.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{') {
      open.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      open.push(null);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      open.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

function endOfString(text: string, quote: number): number {
  let j = quote + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j;
}

/** Keys of `record` outside `allowed`: fields no hash or signature covers, so nobody vouches for them. */
export function unexpectedKeys(record: Record<string, unknown>, allowed: ReadonlySet<string>): string[] {
  return Object.keys(record).filter((key) => !allowed.has(key));
}
