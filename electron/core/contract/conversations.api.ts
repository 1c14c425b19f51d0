import { z } from 'zod';
import { ChatMessage } from './schemas.js';

const ConversationSummary = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string(),
  messageCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Conversation = ConversationSummary.extend({ messages: z.array(ChatMessage) });
export type Conversation = z.infer<typeof Conversation>;

const Title = z.string().trim().min(1).max(200);

/** Saved Playground chats. Every method acts on the caller's own conversations only. */
export const conversationsApi = {
  'conversations.list': {
    input: z.object({}).default({}),
    output: z.object({ conversations: z.array(ConversationSummary) }),
  },
  'conversations.get': {
    input: z.object({ id: z.string().min(1) }),
    output: Conversation,
  },
  /** Without `id`: a new conversation; with it: replaces that conversation's turns (and title, model). */
  'conversations.save': {
    input: z.object({ id: z.string().min(1).optional(), title: Title, model: z.string().min(1), messages: z.array(ChatMessage).min(1).max(1000) }),
    output: Conversation,
  },
  'conversations.rename': {
    input: z.object({ id: z.string().min(1), title: Title }),
    output: ConversationSummary,
  },
  'conversations.remove': {
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ removed: z.literal(true) }),
  },
} as const;
