import type { ChatMessage } from '../../api/contract.types.js';

export interface ExportedConversation {
  title: string;
  model: string;
  messages: ChatMessage[];
}

/** A file name from the title: letters, digits and dashes only, so every OS accepts it. */
export function exportFileName(title: string, extension: 'json' | 'md'): string {
  const base = title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base === '' ? 'conversation' : base}.${extension}`;
}

/** The JSON export: the same shape `conversations.save` takes, so it can be read back by a script. */
export function conversationJson(conversation: ExportedConversation): string {
  return `${JSON.stringify({ title: conversation.title, model: conversation.model, messages: conversation.messages }, null, 2)}\n`;
}

const roleHeading = { system: 'System', user: 'User', assistant: 'Assistant' } as const;

/** The Markdown export: a heading per turn, the text as written (a reader sees the conversation as it went). */
export function conversationMarkdown(conversation: ExportedConversation): string {
  const lines = [`# ${conversation.title}`, '', `Model: ${conversation.model}`, ''];
  for (const message of conversation.messages) lines.push(`## ${roleHeading[message.role]}`, '', message.content, '');
  return lines.join('\n');
}
