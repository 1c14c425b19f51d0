import { expect, test } from 'vitest';
import { conversationJson, conversationMarkdown, exportFileName } from './conversation-export.js';

const conversation = {
  title: 'Lily & the park',
  model: 'stories260K',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Tell me a story' },
    { role: 'assistant', content: 'Once upon a time…' },
  ] as const,
};

test('exports read back as the saved shape (JSON) and as headed turns (Markdown)', () => {
  expect(JSON.parse(conversationJson({ ...conversation, messages: [...conversation.messages] }))).toEqual({ ...conversation, messages: [...conversation.messages] });
  expect(conversationMarkdown({ ...conversation, messages: [...conversation.messages] })).toBe(
    '# Lily & the park\n\nModel: stories260K\n\n## System\n\nBe brief.\n\n## User\n\nTell me a story\n\n## Assistant\n\nOnce upon a time…\n',
  );
  expect(exportFileName('Lily & the park', 'md')).toBe('lily-the-park.md');
  expect(exportFileName('  ', 'json')).toBe('conversation.json');
});
