import { useCallback, useEffect, useRef, useState, type SetStateAction } from 'react';
import { readDraft, removeDraft, writeDraft } from './draft-storage.js';

/**
 * `useState` whose value survives leaving the screen and reloading the tab (see draft-storage.ts). `key` names the
 * form (and what it is for, e.g. `ingest.<collectionId>`); another key reads that key's draft. A value equal to
 * `initial` is no draft and is not stored. `clear()` (after a successful submit) forgets the draft and shows `initial`.
 */
export function useDraft<T>(key: string, initial: T): [T, (next: SetStateAction<T>) => void, () => void] {
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const [state, setState] = useState(() => ({ key, value: readDraft<T>(key) ?? initial }));
  let current = state;
  if (state.key !== key) {
    // Another form (another collection, another version): its own draft, read during render so no frame shows the old one.
    current = { key, value: readDraft<T>(key) ?? initial };
    setState(current);
  }

  useEffect(() => {
    if (JSON.stringify(current.value) === JSON.stringify(initialRef.current)) removeDraft(current.key);
    else writeDraft(current.key, current.value);
  }, [current.key, current.value]);

  const setValue = useCallback((next: SetStateAction<T>) => {
    setState((previous) => ({ key: previous.key, value: typeof next === 'function' ? (next as (value: T) => T)(previous.value) : next }));
  }, []);
  const keyRef = useRef(key);
  keyRef.current = current.key;
  // Removed at once, not in an effect: a submit often unmounts the form (onDone) before it renders again.
  const clear = useCallback(() => {
    removeDraft(keyRef.current);
    setState((previous) => ({ key: previous.key, value: initialRef.current }));
  }, []);
  return [current.value, setValue, clear];
}
