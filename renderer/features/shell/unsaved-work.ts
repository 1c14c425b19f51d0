import { useEffect } from 'react';

/**
 * Screens with work a reload or a screen change would lose (unsaved labels, an edited form) say so here. The
 * navigation asks before leaving, and the browser asks before a reload or closing the window (beforeunload).
 */
const sources = new Map<symbol, string>();

/** The first description of unsaved work, or null when nothing would be lost. */
export function unsavedWork(): string | null {
  for (const description of sources.values()) return description;
  return null;
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (unsavedWork() === null) return;
  event.preventDefault();
  // Older Chromium (and Electron) only prompt when returnValue is set.
  event.returnValue = '';
}

let listening = false;

/** While mounted and `description` is non-null, leaving the screen or the page asks first. */
export function useUnsavedWork(description: string | null): void {
  useEffect(() => {
    if (description === null) return;
    if (!listening) {
      window.addEventListener('beforeunload', onBeforeUnload);
      listening = true;
    }
    const key = Symbol('unsaved');
    sources.set(key, description);
    return () => {
      sources.delete(key);
    };
  }, [description]);
}
