import { useAuth } from '../auth/auth.store.js';

/**
 * Form drafts live in this tab's sessionStorage, so leaving a screen or reloading loses nothing, while a closed tab
 * forgets them. Each draft names the account that wrote it and is read back only for that account: on a shared
 * workstation the next user starts with empty forms. The Playground's store and `useDraft` both go through here.
 */
const prefix = 'enclave.draft.';

/** The signed-in account's name, or undefined before sign-in (no draft is then written or read). */
export function draftOwner(): string | undefined {
  return useAuth.getState().me?.user.name;
}

/** Whether a draft written by `owner` may be shown to whoever is signed in now. */
export function ownsDraft(owner: string | undefined): boolean {
  return owner !== undefined && owner === draftOwner();
}

interface StoredDraft {
  owner: string;
  value: unknown;
}

/** The draft saved under `key` for the signed-in account, or undefined. */
export function readDraft<T>(key: string): T | undefined {
  try {
    const text = sessionStorage.getItem(prefix + key);
    if (text === null) return undefined;
    const stored = JSON.parse(text) as StoredDraft;
    return ownsDraft(stored.owner) ? (stored.value as T) : undefined;
  } catch {
    // Storage switched off or a damaged entry: the form simply starts empty.
    return undefined;
  }
}

export function writeDraft(key: string, value: unknown): void {
  const owner = draftOwner();
  if (owner === undefined) return;
  try {
    sessionStorage.setItem(prefix + key, JSON.stringify({ owner, value } satisfies StoredDraft));
  } catch {
    // Full or switched-off storage: the draft lasts as long as the screen, as before (and an older one must not return).
    removeDraft(key);
  }
}

export function removeDraft(key: string): void {
  try {
    sessionStorage.removeItem(prefix + key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/** The full sessionStorage key, for the Playground's zustand store (which writes its own entry). */
export const draftStorageKey = (key: string) => prefix + key;
