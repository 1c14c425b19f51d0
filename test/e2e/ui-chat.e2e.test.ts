import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type E2e, modelPath, screenshot, startE2e, watchedPage } from './harness.js';

const TIMEOUT_MS = 180_000;
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e('ui-chat');
  await e2e.runJob('models.import', { path: modelPath, approve: true });
  await e2e.rpc('prompts.create', { name: 'brief', kind: 'chat', system: 'You tell very short stories.', user: '{{input}}' });
  await e2e.rpc('prompts.label', { prompt: 'brief', label: 'production', version: '1.0.0' });
}, TIMEOUT_MS);

afterAll(() => e2e?.close(), TIMEOUT_MS);

test(
  'a multi-turn chat with a registry system prompt is saved, reopened after a reload, renamed, exported and deleted',
  async () => {
    const { page, errors } = await watchedPage(e2e.browser, { acceptDownloads: true });
    try {
      await page.goto(e2e.server.url);
      await page.getByTestId('nav-playground').click();
      await page.getByTestId('mode-chat').click();
      await page.getByTestId('chat-system-ref').selectOption('brief@production');
      await expect.poll(() => page.getByTestId('system-input').inputValue()).toBe('You tell very short stories.');
      await page.getByTestId('param-max-tokens').fill('12');

      for (const [i, message] of ['Tell me a story', 'And then?'].entries()) {
        await page.getByTestId('user-input').fill(message);
        await page.getByTestId('generate').click();
        // The first reply loads the model: generous under a loaded machine.
        await page.locator('[data-testid="chat-turn"][data-role="assistant"]').nth(i).waitFor({ timeout: 90_000 });
        // The box is cleared for the next message once the reply has joined the conversation.
        expect(await page.getByTestId('user-input').inputValue()).toBe('');
      }
      const turns = page.getByTestId('chat-turn');
      expect(await turns.count()).toBe(4);
      expect(await turns.nth(2).textContent()).toContain('And then?');
      // stories260K has no chat template: still a chat, formatted as a plain transcript, and said so.
      expect(await page.getByTestId('stat-mode').textContent()).toBe('chat');

      await page.getByTestId('chat-title').fill('Lily stories');
      await page.getByTestId('chat-save').click();
      await page.locator('[data-testid="conversation-row"][data-title="Lily stories"]').waitFor();
      await screenshot(page, 'ui-chat');

      // After a reload the conversation is still there and opens with its turns and system prompt.
      await page.reload();
      await page.getByTestId('nav-playground').click();
      await page.getByTestId('mode-chat').click();
      await page.locator('[data-testid="conversation-row"][data-title="Lily stories"]').getByTestId('conversation-open').click();
      await expect.poll(() => turns.count()).toBe(4);
      expect(await page.getByTestId('system-input').inputValue()).toBe('You tell very short stories.');

      const row = page.locator('[data-testid="conversation-row"][data-title="Lily stories"]');
      await row.getByTestId('conversation-rename').click();
      await page.getByTestId('conversation-rename-input').fill('Lily, twice');
      await page.getByTestId('conversation-rename-save').click();
      const renamed = page.locator('[data-testid="conversation-row"][data-title="Lily, twice"]');
      await renamed.waitFor();

      const [markdown] = await Promise.all([page.waitForEvent('download'), renamed.getByTestId('conversation-export-md').click()]);
      expect(markdown.suggestedFilename()).toBe('lily-twice.md');
      const text = readFileSync((await markdown.path())!, 'utf8');
      expect(text).toContain('# Lily, twice');
      expect(text).toContain('## System\n\nYou tell very short stories.');
      expect(text.match(/## Assistant/g)).toHaveLength(2);
      const [json] = await Promise.all([page.waitForEvent('download'), renamed.getByTestId('conversation-export-json').click()]);
      expect(JSON.parse(readFileSync((await json.path())!, 'utf8')).messages).toHaveLength(5);

      page.once('dialog', (dialog) => void dialog.accept());
      await renamed.getByTestId('conversation-delete').click();
      await renamed.waitFor({ state: 'detached' });
      expect(await e2e.rpc('conversations.list', {})).toEqual({ conversations: [] });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  },
  TIMEOUT_MS,
);
