import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ClientError } from '../../api/client.js';
import type { ChatMessage, GenerationResult } from '../../api/contract.types.js';
import { isStreaming, streamedRun, type StreamStatus } from '../../api/streamed-run.js';
import { draftOwner, draftStorageKey, ownsDraft } from '../shell/draft-storage.js';
import { buildGenerateInput, defaultForm, type PlaygroundForm } from './generate-request.js';

export type RunStatus = StreamStatus;
/** Free text (or chat) to `inference.generate`, or a registry prompt to `prompts.run`. */
export type PlaygroundSource = 'free' | 'registry';

interface PlaygroundState {
  source: PlaygroundSource;
  form: PlaygroundForm;
  status: RunStatus;
  jobId: string | null;
  /** The streamed text; replaced by the result's text when the job finishes. */
  output: string;
  /** Completion tokens so far, from the stream. */
  liveTokens: number;
  result: GenerationResult | null;
  error: ClientError | null;
  /** Chat mode: the finished turns (user and assistant), sent again with each new message. */
  turns: ChatMessage[];
  /** Whether the last run sent chat messages (the result's mode says how the model formatted them). */
  sentChat: boolean;
  /** The saved conversation these turns belong to, if any. */
  conversation: { id: string; title: string } | null;
  /** Starts a new chat (the system prompt stays). */
  newChat(): void;
  /** Replaces the chat with a saved conversation's turns and system prompt. */
  openChat(conversation: { id: string; title: string; model: string; messages: ChatMessage[] }): void;
  setConversation(conversation: { id: string; title: string } | null): void;
  setSource(source: PlaygroundSource): void;
  setField<K extends keyof PlaygroundForm>(key: K, value: PlaygroundForm[K]): void;
  generate(): Promise<void>;
  stop(): Promise<void>;
  dismissError(): void;
}

export const isBusy = isStreaming;

/** What survives a reload of this tab: the draft, not the run. */
interface PlaygroundDraft {
  owner: string | undefined;
  source: PlaygroundSource;
  form: PlaygroundForm;
  turns: ChatMessage[];
  conversation: { id: string; title: string } | null;
}

/**
 * The Playground keeps its draft (form, chat turns, open conversation) in this tab's sessionStorage, so leaving the
 * screen or reloading loses nothing. Drafts are read back only for the account that wrote them (a shared
 * workstation's next user starts empty; shell/draft-storage.ts): hydration waits for sign-in (`restorePlaygroundDraft`).
 */
export const usePlayground = create<PlaygroundState>()(persist((set, get) => {
  const runner = streamedRun<PlaygroundState>(set, get);
  return {
    source: 'free',
    form: defaultForm,
    status: 'idle',
    jobId: null,
    output: '',
    liveTokens: 0,
    result: null,
    error: null,
    turns: [],
    sentChat: false,
    conversation: null,

    setSource: (source) => set({ source }),
    setField: (key, value) => set((state) => ({ form: { ...state.form, [key]: value } })),
    dismissError: () => set({ error: null }),

    newChat: () => set({ turns: [], conversation: null, output: '', result: null }),
    openChat: ({ id, title, model, messages }) =>
      set((state) => ({
        turns: messages.filter((m) => m.role !== 'system'),
        conversation: { id, title },
        form: { ...state.form, mode: 'chat', modelId: model, system: messages.find((m) => m.role === 'system')?.content ?? '', user: '' },
        output: '',
        result: null,
      })),
    setConversation: (conversation) => set({ conversation }),

    generate: () => {
      const { form, turns } = get();
      const chat = form.mode === 'chat';
      return runner.start('inference.generate', buildGenerateInput(form, chat ? turns : []), { result: null, sentChat: chat }, (result) => ({
        status: result.stopReason === 'cancelled' ? 'stopped' : 'done', output: result.text, result, liveTokens: result.completionTokens,
        // A finished reply joins the conversation, and the box is cleared for the next message.
        ...(chat && result.stopReason !== 'cancelled'
          ? { turns: [...turns, { role: 'user' as const, content: form.user }, { role: 'assistant' as const, content: result.text }], form: { ...get().form, user: '' } }
          : {}),
      }));
    },

    stop: () => runner.stop(),
  };
}, {
  name: draftStorageKey('playground'),
  storage: createJSONStorage(() => sessionStorage),
  skipHydration: true,
  partialize: (state): PlaygroundDraft => ({ owner: draftOwner(), source: state.source, form: state.form, turns: state.turns, conversation: state.conversation }),
  merge: (persisted, current) => {
    const draft = persisted as PlaygroundDraft | undefined;
    if (!draft || !ownsDraft(draft.owner)) return current;
    return { ...current, source: draft.source, form: draft.form, turns: draft.turns, conversation: draft.conversation };
  },
}));

let restored = false;
/** Reads this tab's draft back once, after sign-in (see above). */
export function restorePlaygroundDraft(): void {
  if (restored) return;
  restored = true;
  void usePlayground.persist.rehydrate();
}

