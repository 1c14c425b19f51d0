import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

describe('enclave documents list --sort/--status/--query and documents show', () => {
  const temp = tempDir('enclave-documents-cli-');
  const data = ['--data-dir', path.join(temp.dir, 'data')];

  beforeAll(async () => {
    const inbox = path.join(temp.dir, 'inbox');
    mkdirSync(inbox);
    writeFileSync(path.join(inbox, 'long.md'), '# Long\n\nPumps are serviced in March by the north team, every year.');
    writeFileSync(path.join(inbox, 'short.txt'), 'Valves in May.');
    expect((await runCli(['collections', 'create', 'plant', '--json', ...data])).code).toBe(0);
    expect((await runCli(['ingest', inbox, '--collection', 'plant', '--json', ...data], { timeoutMs: 120_000 })).code).toBe(0);
  }, 180_000);
  afterAll(() => temp.cleanup());

  test('sorted and filtered lists, one document with its chunks, and a refused sort key', async () => {
    const bySize = JSON.parse((await runCli(['documents', 'list', '--collection', 'plant', '--sort', 'size', '--order', 'desc', '--json', ...data])).stdout) as { items: Array<{ id: number; source: string }> };
    expect(bySize.items.map((d) => path.basename(d.source))).toEqual(['long.md', 'short.txt']);
    const found = JSON.parse((await runCli(['documents', 'list', '--collection', 'plant', '--query', 'SHORT', '--json', ...data])).stdout) as { total: number };
    expect(found.total).toBe(1);
    const shown = await runCli(['documents', 'show', String(bySize.items[0]!.id), '--collection', 'plant', '--json', ...data]);
    expect(shown.code).toBe(0);
    const detail = JSON.parse(shown.stdout) as { document: { source: string }; chunks: Array<{ text: string; location: { charStart: number } }> };
    expect(detail.document.source).toMatch(/long\.md$/);
    expect(detail.chunks[0]!.text).toContain('Pumps are serviced');
    const wrong = await runCli(['documents', 'list', '--collection', 'plant', '--sort', 'colour', '--json', ...data]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr + wrong.stdout).toMatch(/source|size/);
  }, 120_000);
});
