/**
 * What the audit trail keeps of a protected read: which records were returned (their ids) and how many, never their
 * text. The trail is kept longer and shown to other people (security auditors) than the documents, answers, traces
 * and datasets it watches, so copying their content into it would leak it around the access lists that guard it.
 *
 * One rule for every read method, so a new one is summarised without code here: numbers, booleans and null are
 * kept; strings only under keys that name a record (ids, names, versions, paths); lists become their count and the
 * ids of their items; nested objects are summarised one level down; everything else is left out.
 */
const MAX_IDS = 1000;
const NESTED_LEVELS = 2;

/** Keys whose string values identify a record rather than carry content. */
const identifying = /^(id|seq|key|caseKey|name|version|format|path|dataset|collection|user|status|scope|exportId|source)$|Id$/;

/** Which field of a list item is its id, in order of preference. */
const itemIdKeys = ['chunkId', 'seq', 'id', 'caseKey', 'key', 'documentId'] as const;

export function summariseRead(value: unknown): unknown {
  return summarise(value, NESTED_LEVELS);
}

function summarise(value: unknown, levels: number): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return listSummary(value);
  if (typeof value !== 'object' || levels === 0) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const summary = typeof field === 'string' ? (identifying.test(key) ? field : undefined) : summarise(field, levels - 1);
    if (summary !== undefined) kept[key] = summary;
  }
  return kept;
}

function listSummary(items: unknown[]): { count: number; ids?: Array<string | number> } {
  const ids: Array<string | number> = [];
  for (const item of items.slice(0, MAX_IDS)) {
    const id = idOf(item);
    if (id !== undefined) ids.push(id);
  }
  return ids.length > 0 ? { count: items.length, ids } : { count: items.length };
}

function idOf(item: unknown): string | number | undefined {
  if (!item || typeof item !== 'object') return undefined;
  for (const key of itemIdKeys) {
    const id = (item as Record<string, unknown>)[key];
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return undefined;
}
