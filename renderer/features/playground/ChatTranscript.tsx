import { usePlayground } from './playground.store.js';

const roleLabel = { system: 'System', user: 'You', assistant: 'Model' } as const;

/** The chat so far: every finished turn, oldest first; the reply being written streams in the output panel. */
export function ChatTranscript({ disabled }: { disabled: boolean }) {
  const turns = usePlayground((state) => state.turns);
  const conversation = usePlayground((state) => state.conversation);
  const newChat = usePlayground((state) => state.newChat);
  return (
    <div className="chat-transcript" data-testid="chat-transcript">
      <div className="panel-header">
        <span className="panel-label">{conversation ? conversation.title : 'Conversation'}</span>
        <span className="hint" data-testid="chat-turn-count">
          {turns.length === 0 ? 'No turns yet' : `${turns.length / 2} exchange${turns.length === 2 ? '' : 's'}`}
        </span>
        <span className="spacer" />
        <button type="button" className="button button-small" disabled={disabled || (turns.length === 0 && !conversation)} onClick={newChat} data-testid="chat-new">
          New chat
        </button>
      </div>
      {turns.length > 0 && (
        <ol className="chat-turns" aria-label="Turns">
          {turns.map((turn, index) => (
            <li key={index} className={`chat-turn chat-turn-${turn.role}`} data-testid="chat-turn" data-role={turn.role}>
              <span className="chat-role">{roleLabel[turn.role]}</span>
              <span className="chat-text">{turn.content}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
