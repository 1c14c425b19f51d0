import { randomUUID } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import { AppError } from '../contract/errors.js';
import type { Conversation } from '../contract/conversations.api.js';
import type { ChatMessage } from '../contract/schemas.js';

interface Row {
  id: string;
  title: string;
  model: string;
  messages_json: string;
  created_at: string;
  updated_at: string;
}

function toConversation(row: Row): Conversation {
  const messages = JSON.parse(row.messages_json) as ChatMessage[];
  return { id: row.id, title: row.title, model: row.model, messages, messageCount: messages.length, createdAt: row.created_at, updatedAt: row.updated_at };
}

/**
 * Conversations by owner. Every query names the owner, so another account's conversation answers NOT_FOUND,
 * exactly like one that does not exist (its id reveals nothing).
 */
export class ConversationsRepo {
  constructor(private readonly db: Db) {}

  list(owner: string): Conversation[] {
    const rows = this.db.prepare('SELECT * FROM conversations WHERE owner = ? ORDER BY updated_at DESC, id').all(owner) as Row[];
    return rows.map(toConversation);
  }

  get(owner: string, id: string): Conversation {
    const row = this.db.prepare('SELECT * FROM conversations WHERE owner = ? AND id = ?').get(owner, id) as Row | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No conversation ${id} of yours; it may have been deleted`);
    return toConversation(row);
  }

  save(owner: string, input: { id?: string | undefined; title: string; model: string; messages: ChatMessage[] }): Conversation {
    const now = new Date().toISOString();
    const json = JSON.stringify(input.messages);
    if (input.id === undefined) {
      const id = randomUUID();
      this.db
        .prepare('INSERT INTO conversations (id, owner, title, model, messages_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, owner, input.title, input.model, json, now, now);
      return this.get(owner, id);
    }
    const changed = this.db
      .prepare('UPDATE conversations SET title = ?, model = ?, messages_json = ?, updated_at = ? WHERE owner = ? AND id = ?')
      .run(input.title, input.model, json, now, owner, input.id).changes;
    if (changed === 0) throw new AppError('NOT_FOUND', `No conversation ${input.id} of yours; save it as a new one instead`);
    return this.get(owner, input.id);
  }

  rename(owner: string, id: string, title: string): Conversation {
    const changed = this.db.prepare('UPDATE conversations SET title = ?, updated_at = ? WHERE owner = ? AND id = ?').run(title, new Date().toISOString(), owner, id).changes;
    if (changed === 0) throw new AppError('NOT_FOUND', `No conversation ${id} of yours; it may have been deleted`);
    return this.get(owner, id);
  }

  remove(owner: string, id: string): void {
    const changed = this.db.prepare('DELETE FROM conversations WHERE owner = ? AND id = ?').run(owner, id).changes;
    if (changed === 0) throw new AppError('NOT_FOUND', `No conversation ${id} of yours; it may have been deleted already`);
  }
}
