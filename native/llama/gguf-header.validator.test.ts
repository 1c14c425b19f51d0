import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { afterAll, describe, expect, it } from 'vitest';
import { models, tempDir } from '../../test/helpers/fixtures.js';
import { mapGguf, writeHostileGgufs } from '../../test/helpers/gguf-hostile.js';
import { validateGgufFile } from './gguf-header.validator.js';

describe('GGUF header validation', () => {
  const temp = tempDir('enclave-gguf-validate-');
  afterAll(() => temp.cleanup());

  it('accepts every real model and reads the metadata node-llama-cpp read, without the token tables', async () => {
    for (const file of Object.values(models)) {
      const header = validateGgufFile(file);
      const info = await readGgufFileInfo(file, { readTensorInfo: true, logWarnings: false, sourceType: 'filesystem' });
      const { tokens, scores: _s, token_type: _t, merges: _m, ...ggml } = (info.metadata.tokenizer as { ggml: Record<string, unknown> }).ggml;
      const expected = { ...info.metadata, tokenizer: { ...info.metadata.tokenizer, ggml: { ...ggml, tokenCount: (tokens as unknown[]).length } } };
      expect(header.metadata).toEqual(JSON.parse(JSON.stringify(expected, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))));
      expect(header.tensorCount).toBe(info.tensorCount);
    }
  });

  it('refuses each hostile file of the security review with MODEL_INVALID and says why', () => {
    for (const hostile of writeHostileGgufs(readFileSync(models.stories), temp.dir)) {
      let thrown: unknown;
      try {
        validateGgufFile(hostile.file);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, hostile.name).toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(hostile.reason) });
      expect((thrown as Error).message, hostile.name).toContain(`${hostile.name}.gguf`);
    }
  });

  it('reports a 2^31-byte string as the brief asks: where it is and what it claims', () => {
    const real = readFileSync(models.stories);
    const target = mapGguf(real).stringLengths.find((s) => s.key === '(key)');
    const copy = Buffer.from(real);
    copy.writeBigUInt64LE(2n ** 31n, target?.at ?? 0);
    const file = path.join(temp.dir, 'model.gguf');
    writeFileSync(file, copy);
    expect(() => validateGgufFile(file)).toThrow(`model.gguf is not a valid GGUF file: the key at offset ${target?.at} claims 2147483648 bytes (the limit is 65535)`);
  });

  it('keeps keys from the file as data: "__proto__" nests no prototype', () => {
    const real = readFileSync(models.stories);
    const map = mapGguf(real);
    // Rename "general.architecture" (20 bytes) to a same-length key that walks through __proto__.
    const key = map.stringLengths.find((s) => s.key === '(key)' && real.toString('utf8', s.at + 8, s.at + 8 + 20) === 'general.architecture');
    const copy = Buffer.from(real);
    copy.write('__proto__.polluted.x', (key?.at ?? 0) + 8, 'utf8');
    const file = path.join(temp.dir, 'proto.gguf');
    writeFileSync(file, copy);
    const header = validateGgufFile(file);
    expect(Object.getPrototypeOf(header.metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(header.metadata, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nests a crafted deep key at most 8 levels, so no later walk of the metadata can overflow a stack', () => {
    const real = readFileSync(models.stories);
    const key = mapGguf(real).stringLengths.find((s) => s.key === '(key)' && real.toString('utf8', s.at + 8, s.at + 8 + 20) === 'general.architecture');
    const copy = Buffer.from(real);
    copy.write('a.b.c.d.e.f.g.h.i.j.', (key?.at ?? 0) + 8, 'utf8');
    const file = path.join(temp.dir, 'deep.gguf');
    writeFileSync(file, copy);
    const depth = (value: unknown): number => (typeof value === 'object' && value !== null && !Array.isArray(value) ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0);
    const { metadata } = validateGgufFile(file);
    expect(depth(metadata.a)).toBe(7);
    expect(metadata).toHaveProperty(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h.i.j.'], 'llama');
  });
});
