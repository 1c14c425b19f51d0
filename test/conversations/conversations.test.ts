import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
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
