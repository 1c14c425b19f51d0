import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

describe('saved conversations belong to the account that saved them', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let mine: ReturnType<typeof coreClient>;
  let theirs: ReturnType<typeof coreClient>;

  beforeAll(() => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    mine = coreClient(core, localContext('test', 'mia'));
    theirs = coreClient(core, localContext('test', 'tom'));
  });
  afterAll(async () => {
    await core?.close();
    temp.cleanup();
  });

  test('save, list, get, replace the turns, rename and remove; another account sees none of it', async () => {
    const turns = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tell me a story' },
      { role: 'assistant', content: 'Once upon a time…' },
    ];
    const saved = await mine.call<{ id: string; messageCount: number }>('conversations.save', { title: 'Story', model: 'stories', messages: turns });
    expect(saved.messageCount).toBe(3);
    const more = [...turns, { role: 'user', content: 'And then?' }, { role: 'assistant', content: 'She played.' }];
    await mine.call('conversations.save', { id: saved.id, title: 'Story', model: 'stories', messages: more });
    expect(await mine.call('conversations.get', { id: saved.id })).toMatchObject({ title: 'Story', messages: more, messageCount: 5 });
    await mine.call('conversations.rename', { id: saved.id, title: 'Lily' });
    const { conversations } = await mine.call<{ conversations: { id: string; title: string }[] }>('conversations.list', {});
    expect(conversations.map((c) => c.title)).toEqual(['Lily']);
    expect(conversations[0]).not.toHaveProperty('messages');

    // Another account: not listed, and reading, overwriting, renaming or removing it answers NOT_FOUND.
    expect(await theirs.call('conversations.list', {})).toEqual({ conversations: [] });
    for (const [method, params] of [
      ['conversations.get', { id: saved.id }],
      ['conversations.save', { id: saved.id, title: 'x', model: 'stories', messages: turns }],
      ['conversations.rename', { id: saved.id, title: 'x' }],
      ['conversations.remove', { id: saved.id }],
    ] as const) {
      await expect(theirs.call(method, params)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }

    // An empty title is refused by the contract.
    await expect(mine.call('conversations.rename', { id: saved.id, title: '  ' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await mine.call('conversations.remove', { id: saved.id });
    expect(await mine.call('conversations.list', {})).toEqual({ conversations: [] });
  });
});

describe('enclave conversations', () => {
  const temp = tempDir();
  const data = ['--data-dir', path.join(temp.dir, 'data'), '--models-dir', temp.dir, '--json'];
  afterAll(() => temp.cleanup());

  test('lists, shows, writes, renames and removes the OS user’s saved conversations', async () => {
    // The CLI acts as this machine's account: save one as that user through the core, then close it.
    const core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    const saved = await coreClient(core, localContext('cli', userInfo().username)).call<{ id: string }>('conversations.save', {
      title: 'Story', model: 'stories', messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Once upon a time' }],
    });
    await core.close();

    const list = await runCli(['conversations', 'list', ...data]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: saved.id, title: 'Story', messageCount: 2 })]);
    const out = path.join(temp.dir, 'story.json');
    expect((await runCli(['conversations', 'show', saved.id, '--out', out, ...data])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).messages).toHaveLength(2);
    expect(JSON.parse((await runCli(['conversations', 'rename', saved.id, 'Lily', ...data])).stdout)).toMatchObject({ title: 'Lily' });
    expect((await runCli(['conversations', 'remove', saved.id, ...data])).code).toBe(0);
    const missing = await runCli(['conversations', 'show', saved.id, ...data]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr + missing.stdout).toContain('NOT_FOUND');
  }, 120_000);
});
