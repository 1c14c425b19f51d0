import { useEffect } from 'react';
import { commandOfKey, isLabelingKeyEvent } from './label-edit.js';
import { useDatasets } from './datasets.store.js';

/** While labeling, the keyboard labels the current case and moves between cases (see SHORTCUTS). */
export function useLabelKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isLabelingKeyEvent(event)) return;
      const command = commandOfKey(event.key);
      if (command === null) return;
      event.preventDefault();
      useDatasets.getState().command(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
