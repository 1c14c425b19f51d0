import type { conversationsApi } from '../contract/conversations.api.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { ConversationsRepo } from './conversations.repo.js';

/** Saved Playground conversations: the caller's own, keyed on the signed-in user. */
export function createConversationsHandlers(s: CoreServices): HandlersFor<keyof typeof conversationsApi> {
  const repo = new ConversationsRepo(s.db);
  const summary = ({ messages: _messages, ...rest }: ReturnType<ConversationsRepo['get']>) => rest;
  return {
    'conversations.list': (_input, ctx) => ({ conversations: repo.list(ctx.user).map(summary) }),
    'conversations.get': ({ id }, ctx) => repo.get(ctx.user, id),
    'conversations.save': (input, ctx) => repo.save(ctx.user, input),
    'conversations.rename': ({ id, title }, ctx) => summary(repo.rename(ctx.user, id, title)),
    'conversations.remove': ({ id }, ctx) => {
      repo.remove(ctx.user, id);
      return { removed: true as const };
    },
  };
}
