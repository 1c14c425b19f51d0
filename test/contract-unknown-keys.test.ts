import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { api, methods } from '../electron/core/contract/api.js';
import { localContext, type CallContext } from '../electron/core/contract/context.js';
import { strictInput } from '../electron/core/contract/strict-input.js';
import { createInProcessCore, type CoreHandle } from '../electron/core/host/core-handle.js';
import { tempDir } from './helpers/fixtures.js';

// Issue 9: `settings.update {"remoteEndpoints": …}` answered ok and stored nothing; `inference.generate
// {"fallback": …}` ignored it. Every method now refuses keys it does not know, naming them.
describe('every contract method refuses unknown keys with INVALID_INPUT naming them (real core)', () => {
  const temp = tempDir();
  let core: CoreHandle;
  const admin = localContext('test', 'root');
  // `auth.setup` is admitted only for the holder of the setup token, while no account exists: it goes first.
  const setupToken = `setup-${Date.now()}`;
  const setupHolder: CallContext = { user: '', roles: [], groups: [], shell: 'http', source: '127.0.0.1', credential: { kind: 'bearer', token: setupToken } };

  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir, setupToken });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('an extra top-level key, for each method in the api table', async () => {
    const accepted: string[] = [];
    for (const method of ['auth.setup', ...methods.filter((m) => m !== 'auth.setup')]) {
      const result = await core.dispatch(method, { zzNotAParameter: 1 }, method === 'auth.setup' ? setupHolder : admin);
      const refused = !result.ok && result.error.code === 'INVALID_INPUT' && result.error.message.includes('"zzNotAParameter"');
      if (!refused) accepted.push(`${method}: ${JSON.stringify(result.ok ? 'ok' : result.error)}`);
    }
    expect(accepted).toEqual([]);
    expect(methods.length).toBeGreaterThan(50);
  });

  test('the two calls from the issue, and keys nested in objects and arrays', async () => {
    const cases: Array<[method: string, params: unknown, path: string, key: string]> = [
      ['settings.update', { threads: 2, remoteEndpoints: ['https://example.com'] }, '', 'remoteEndpoints'],
      ['inference.generate', { model: 'm', prompt: 'hi', fallback: 'gpt-4' }, '', 'fallback'],
      ['inference.generate', { model: 'm', messages: [{ role: 'user', content: 'hi', name: 'bob' }] }, 'messages.0', 'name'],
      ['rag.collections.create', { name: 'kb', settings: { chunking: { chunkTokens: 64, chunkSize: 64 } } }, 'settings.chunking', 'chunkSize'],
      ['rag.search', { collection: 'kb', query: 'q', filters: { source: 'a' } }, 'filters', 'source'],
    ];
    for (const [method, params, where, key] of cases) {
      const result = await core.dispatch(method, params, admin);
      expect(result.ok ? 'ok' : result.error.code, method).toBe('INVALID_INPUT');
      if (result.ok) continue;
      expect(result.error.message).toContain(`"${key}": ${method} does not take it`);
      expect(result.error.details).toContainEqual({ path: where, message: expect.stringContaining(`"${key}"`) });
    }
    const settings = await core.dispatch('settings.get', {}, admin);
    expect(settings.ok && settings.value).not.toHaveProperty('remoteEndpoints');
  });

  test('every object reachable in every method input is strict (schemas added later included)', () => {
    const loose: string[] = [];
    for (const method of methods) visit(strictInput(api[method].input), method, loose, new Set());
    expect(loose).toEqual([]);
  });
});

/** Walks a zod 4 schema's definition and lists objects that would drop unknown keys. */
function visit(schema: z.ZodType, where: string, loose: string[], seen: Set<z.ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const child = (field: string, suffix = ''): void => {
    if (def[field]) visit(def[field] as z.ZodType, `${where}${suffix}`, loose, seen);
  };
  switch (def.type) {
    case 'object':
      if (def.catchall === undefined) loose.push(where);
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) visit(value, `${where}.${key}`, loose, seen);
      break;
    case 'union':
      (def.options as z.ZodType[]).forEach((option, i) => visit(option, `${where}|${i}`, loose, seen));
      break;
    case 'intersection':
      child('left', '&left');
      child('right', '&right');
      break;
    case 'tuple':
      (def.items as z.ZodType[]).forEach((item, i) => visit(item, `${where}[${i}]`, loose, seen));
      child('rest', '[…]');
      break;
    case 'lazy':
      visit((def.getter as () => z.ZodType)(), where, loose, seen);
      break;
    default:
      for (const field of ['innerType', 'element', 'keyType', 'valueType', 'in', 'out']) child(field, field === 'element' ? '[]' : '');
  }
}
