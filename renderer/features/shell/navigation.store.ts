import { create } from 'zustand';
import { clearNotices } from './notices.store.js';
import { unsavedWork } from './unsaved-work.js';

interface NavigationState {
  /** The screen shown; '' until the shell picks the signed-in role's landing screen. */
  current: string;
  go(id: string): void;
  /** Back to the landing screen (a new sign-in). */
  reset(): void;
}

export const useNavigation = create<NavigationState>()((set, get) => ({
  current: '',
  go: (id) => {
    if (id === get().current) return;
    // Unsaved labels or form edits are lost on leaving a screen: ask first (drafts of plain forms are kept anyway).
    const unsaved = unsavedWork();
    if (unsaved && !window.confirm(`${unsaved} Leave this screen anyway?`)) return;
    // Notices belong to the screen that raised them; they do not follow you elsewhere.
    clearNotices();
    set({ current: id });
  },
  reset: () => set({ current: '' }),
}));
