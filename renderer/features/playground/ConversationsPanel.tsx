import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import type { ChatMessage, Output } from '../../api/contract.types.js';
import { downloadText } from '../datasets/download.js';
import { reportError, reportInfo } from '../shell/notices.store.js';
import { conversationJson, conversationMarkdown, exportFileName } from './conversation-export.js';
import { usePlayground } from './playground.store.js';

type Summary = Output<'conversations.list'>['conversations'][number];

/** The caller's saved chats: save the current one, open, rename, delete, export as JSON or Markdown. */
export function ConversationsPanel({ disabled }: { disabled: boolean }) {
  const turns = usePlayground((state) => state.turns);
  const form = usePlayground((state) => state.form);
  const conversation = usePlayground((state) => state.conversation);
  const [saved, setSaved] = useState<Summary[]>([]);
  const [title, setTitle] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);

  const reload = () => call('conversations.list', {}).then(({ conversations }) => setSaved(conversations), reportError);
  useEffect(() => void reload(), []);
  useEffect(() => setTitle(conversation?.title ?? ''), [conversation?.id]);

  const messages = (): ChatMessage[] => [...(form.system.trim() !== '' ? [{ role: 'system' as const, content: form.system }] : []), ...turns];

  const save = async () => {
    try {
      const result = await call('conversations.save', { ...(conversation ? { id: conversation.id } : {}), title: title.trim(), model: form.modelId, messages: messages() });
      usePlayground.getState().setConversation({ id: result.id, title: result.title });
      reportInfo(`Saved “${result.title}”.`);
      await reload();
    } catch (error) {
      reportError(error);
    }
  };
  const open = async (id: string) => {
    try {
      usePlayground.getState().openChat(await call('conversations.get', { id }));
    } catch (error) {
      reportError(error);
    }
  };
  const rename = async () => {
    if (!renaming) return;
    try {
      const result = await call('conversations.rename', renaming);
      if (conversation?.id === result.id) usePlayground.getState().setConversation({ id: result.id, title: result.title });
      setRenaming(null);
      await reload();
    } catch (error) {
      reportError(error);
    }
  };
  const remove = async (summary: Summary) => {
    if (!window.confirm(`Delete the conversation “${summary.title}”? This cannot be undone.`)) return;
    try {
      await call('conversations.remove', { id: summary.id });
      if (conversation?.id === summary.id) usePlayground.getState().setConversation(null);
      await reload();
    } catch (error) {
      reportError(error);
    }
  };
  const exportAs = async (summary: Summary, format: 'json' | 'md') => {
    try {
      const full = await call('conversations.get', { id: summary.id });
      downloadText(exportFileName(full.title, format), format === 'json' ? conversationJson(full) : conversationMarkdown(full), format === 'json' ? 'application/json' : 'text/markdown');
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <section className="conversations" aria-label="Saved conversations" data-testid="conversations">
      {/* Inside the Playground's form: plain groups and buttons, not nested forms. */}
      <div className="toolbar">
        <input className="input" aria-label="Conversation title" placeholder="Title" value={title} disabled={disabled} onChange={(e) => setTitle(e.target.value)} data-testid="chat-title" />
        <button type="button" className="button" disabled={disabled || turns.length === 0 || form.modelId === ''} onClick={() => void save()} data-testid="chat-save">
          {conversation ? 'Save changes' : 'Save conversation'}
        </button>
      </div>
      {saved.length > 0 && (
        <table className="table" data-testid="conversation-list">
          <thead>
            <tr><th>Saved conversation</th><th>Model</th><th>Turns</th><th>Updated</th><th><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {saved.map((s) => (
              <tr key={s.id} data-testid="conversation-row" data-title={s.title}>
                <td>
                  {renaming?.id === s.id ? (
                    <div className="toolbar">
                      <input className="input" aria-label="New title" value={renaming.title} onChange={(e) => setRenaming({ id: s.id, title: e.target.value })} data-testid="conversation-rename-input" />
                      <button type="button" className="button button-small" onClick={() => void rename()} data-testid="conversation-rename-save">Rename</button>
                    </div>
                  ) : (
                    <button type="button" className="link-button" disabled={disabled} onClick={() => void open(s.id)} data-testid="conversation-open">{s.title}</button>
                  )}
                </td>
                <td>{s.model}</td>
                <td>{s.messageCount}</td>
                <td>{new Date(s.updatedAt).toLocaleString()}</td>
                <td className="row-actions">
                  <button type="button" className="row-action" onClick={() => setRenaming({ id: s.id, title: s.title })} data-testid="conversation-rename">Rename</button>
                  <button type="button" className="row-action" onClick={() => void exportAs(s, 'json')} data-testid="conversation-export-json">JSON</button>
                  <button type="button" className="row-action" onClick={() => void exportAs(s, 'md')} data-testid="conversation-export-md">Markdown</button>
                  <button type="button" className="row-action row-action-danger" onClick={() => void remove(s)} data-testid="conversation-delete">Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
