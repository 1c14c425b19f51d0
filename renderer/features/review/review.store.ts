import { create } from 'zustand';
import { call, toClientError, type ClientError } from '../../api/client.js';
import type { Output } from '../../api/contract.types.js';

export type ReviewItem = Output<'review.list'>[number];
export type ReviewDetail = Output<'review.show'>;
export type QueueFilter = 'pending' | 'decided' | 'all';
export type Decision = 'approve' | 'edit' | 'reject';

interface ReviewState {
  filter: QueueFilter;
  items: ReviewItem[];
  loading: boolean;
  selected: ReviewDetail | null;
  /** The reviewer's edit of the held answer and the reason for an edit or a rejection. */
  editText: string;
  reason: string;
  busy: boolean;
  error: ClientError | null;
  load(filter?: QueueFilter): Promise<void>;
  open(id: string): Promise<void>;
  setEditText(text: string): void;
  setReason(text: string): void;
  decide(decision: Decision): Promise<void>;
  dismissError(): void;
}

/** The review queue as the Review screen works it: oldest pending first, one item open with its evidence. */
export const useReview = create<ReviewState>()((set, get) => ({
  filter: 'pending',
  items: [],
  loading: false,
  selected: null,
  editText: '',
  reason: '',
  busy: false,
  error: null,

  async load(filter) {
    const next = filter ?? get().filter;
    set({ filter: next, loading: true });
    try {
      set({ items: await call('review.list', { status: next }), loading: false });
    } catch (error) {
      set({ error: toClientError(error), loading: false });
    }
  },

  async open(id) {
    try {
      const detail = await call('review.show', { reviewId: id });
      set({ selected: detail, editText: detail.releasedText ?? detail.heldOutput, reason: '' });
    } catch (error) {
      set({ error: toClientError(error) });
    }
  },

  setEditText: (editText) => set({ editText }),
  setReason: (reason) => set({ reason }),

  async decide(decision) {
    const { selected, editText, reason } = get();
    if (!selected) return;
    set({ busy: true });
    try {
      // The core checks the rules (a reason for edits and rejections); the screen sends what the reviewer typed.
      await call('review.decide', {
        reviewId: selected.id, decision,
        ...(decision === 'edit' ? { text: editText } : {}),
        ...(decision !== 'approve' && reason.trim() !== '' ? { reason } : {}),
      });
      await get().open(selected.id);
      await get().load();
    } catch (error) {
      set({ error: toClientError(error) });
    } finally {
      set({ busy: false });
    }
  },

  dismissError: () => set({ error: null }),
}));

/** "3m", "2h 5m": how long an item has waited (or waited until it was decided). */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}
