import { create } from 'zustand';
import { toClientError, type ClientError } from '../../api/client.js';
import { plainError } from './plain-errors.js';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** Error code, shown before the message. */
  code?: string;
  message: string;
  /** Further readable lines (invalid fields, skipped files). */
  lines: string[];
}

interface NoticesState {
  notices: Notice[];
  dismiss(id: number): void;
}

let nextId = 1;
/** An info notice ("Settings saved") clears itself after this long; errors stay until dismissed or you move on. */
export const INFO_NOTICE_MS = 6000;

/** App-wide messages shown in the banner above the current screen. */
export const useNotices = create<NoticesState>()((set) => ({
  notices: [],
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));

function push(notice: Omit<Notice, 'id'>): void {
  const id = nextId++;
  // One banner per distinct message: repeating the same failure should not stack up copies.
  useNotices.setState((state) => ({
    notices: [...state.notices.filter((n) => n.code !== notice.code || n.message !== notice.message), { ...notice, id }],
  }));
  if (notice.kind === 'info') setTimeout(() => useNotices.getState().dismiss(id), INFO_NOTICE_MS);
}

/** Clears every notice (on moving to another screen: notices belong to the screen that raised them). */
export function clearNotices(): void {
  if (useNotices.getState().notices.length > 0) useNotices.setState({ notices: [] });
}

/** Shows a failure (anything thrown) in the banner. */
export function reportError(error: unknown, lines?: string[]): void {
  const clientError: ClientError = toClientError(error);
  const plain = plainError(clientError);
  push({ kind: 'error', code: clientError.code, message: plain.message, lines: [...plain.lines, ...(lines ?? [])] });
}

export function reportInfo(message: string, lines: string[] = []): void {
  push({ kind: 'info', message, lines });
}
