import { writeFile } from 'node:fs/promises';
import { AppError } from '../../core/contract/errors.js';
import type { Conversation } from '../../core/contract/conversations.api.js';
import { parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';

type Summary = Omit<Conversation, 'messages'>;

/**
 * `enclave conversations list | show ID [--out FILE] | rename ID TITLE | remove ID`: the caller's saved Playground
 * chats (the same core methods as the screen; nobody else's are listed or reachable).
 */
export async function conversationsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { out: { type: 'string', short: 'o' } });
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'list': {
      const { conversations } = await cli.call<{ conversations: Summary[] }>('conversations.list', {});
      return cli.out.result(conversations, () =>
        conversations.length === 0 ? 'No saved conversations' : conversations.map((c) => `${c.id}  ${c.title}  (${c.model}, ${c.messageCount} messages, ${c.updatedAt})`).join('\n'));
    }
    case 'show': {
      const conversation = await cli.call<Conversation>('conversations.get', { id: requirePositional(rest, 0, 'a conversation id') });
      if (!values.out) return cli.out.result(conversation, () => conversation.messages.map((m) => `[${m.role}] ${m.content}`).join('\n\n'));
      await writeFile(values.out, `${JSON.stringify({ title: conversation.title, model: conversation.model, messages: conversation.messages }, null, 2)}\n`, 'utf8');
      return cli.out.result({ id: conversation.id, path: values.out }, () => `“${conversation.title}” written to ${values.out}`);
    }
    case 'rename': {
      const id = requirePositional(rest, 0, 'a conversation id');
      const title = requirePositional(rest, 1, 'the new title');
      const renamed = await cli.call<Summary>('conversations.rename', { id, title });
      return cli.out.result(renamed, () => `Renamed to “${renamed.title}”`);
    }
    case 'remove': {
      const id = requirePositional(rest, 0, 'a conversation id');
      await cli.call('conversations.remove', { id });
      return cli.out.result({ id, removed: true }, () => `Removed ${id}`);
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "conversations ${verb ?? ''}"; use list, show ID [--out FILE], rename ID TITLE or remove ID`);
  }
}
