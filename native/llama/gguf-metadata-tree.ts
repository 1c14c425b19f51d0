/**
 * Turns GGUF's flat dotted keys into the nested object node-llama-cpp produced before (`general.architecture` →
 * `{ general: { architecture } }`), which the library stores and the Models screen shows. Keys come from an
 * untrusted file, so every property is defined as an own property: a key such as `__proto__.x` stays data.
 */

/** Keys whose dotted tails are part of one name (`tokenizer.chat_template.tool_use` is a template, not a child). */
const UNSPLIT_PREFIXES = new Set(['general.license', 'tokenizer.chat_template']);
/** Real keys nest 2–4 deep; a crafted `a.a.a.…` key must not build an object deep enough to overflow a stack later. */
const MAX_DEPTH = 8;

type Tree = Record<string, unknown>;

export function metadataTree(entries: Iterable<readonly [string, unknown]>): Tree {
  const root: Tree = {};
  for (const [key, value] of entries) {
    const { parent, name } = placeFor(root, key);
    if (Object.hasOwn(parent, name)) {
      const existing = parent[name];
      delete parent[name];
      flattenInto(parent, name, existing);
    }
    setOwn(parent, name, value);
  }
  return root;
}

/** The object and property name a dotted key lands on, creating the objects on the way. */
function placeFor(root: Tree, key: string): { parent: Tree; name: string } {
  const parts = key.split('.');
  const walked: string[] = [];
  let current = root;
  while (parts.length > 0) {
    let part = parts.shift() as string;
    while (UNSPLIT_PREFIXES.has([...walked, part].join('.')) && parts.length > 0) part += `.${parts.shift() as string}`;
    if (walked.length === MAX_DEPTH - 1 && parts.length > 0) part = [part, ...parts.splice(0)].join('.');
    if (parts.length === 0) return { parent: current, name: part };
    if (!Object.hasOwn(current, part)) {
      const child: Tree = {};
      setOwn(current, part, child);
      current = child;
    } else {
      const value = current[part];
      if (!isTree(value)) {
        // A value already sits where an object would go: keep the rest of the key together under it.
        parts.unshift(`${part}.${parts.shift() as string}`);
        continue;
      }
      current = value;
    }
    walked.push(part);
  }
  return { parent: current, name: '' };
}

/** A value that a later key wants to nest under is spread into dotted siblings (`a.b`), as node-llama-cpp did. */
function flattenInto(parent: Tree, name: string, value: unknown): void {
  if (!isTree(value)) {
    setOwn(parent, name, value);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const dotted = `${name}.${key}`;
    if (Object.hasOwn(parent, dotted)) {
      const existing = parent[dotted];
      delete parent[dotted];
      flattenInto(parent, dotted, existing);
    }
    setOwn(parent, dotted, child);
  }
}

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setOwn(target: Tree, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
