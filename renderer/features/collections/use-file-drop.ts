import { useEffect, useRef, useState, type DragEvent } from 'react';
import { carriesFiles, droppedFiles } from './upload-files.js';

/**
 * Files dropped on one element (the ingest panel) in a browser, where a dropped file has no path and goes as an
 * upload. While `enabled`, a drop that misses the element is swallowed, so the browser does not open the file in
 * place of the app; while not `accepting` (a run is under way) drops are swallowed and nothing is added. Returns
 * whether files are dragged over the element, and the handlers to spread on it.
 */
export function useFileDrop(onDrop: (files: File[], folders: string[]) => void, { enabled, accepting }: { enabled: boolean; accepting: boolean }) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const swallow = (event: globalThis.DragEvent) => {
      if (carriesFiles(event.dataTransfer)) event.preventDefault();
    };
    window.addEventListener('dragover', swallow);
    window.addEventListener('drop', swallow);
    return () => {
      window.removeEventListener('dragover', swallow);
      window.removeEventListener('drop', swallow);
    };
  }, [enabled]);

  const taking = enabled && accepting;
  const handlers = {
    onDragEnter(event: DragEvent) {
      if (!taking || !carriesFiles(event.dataTransfer)) return;
      depth.current++;
      setOver(true);
    },
    onDragLeave() {
      if (!taking) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDragOver(event: DragEvent) {
      if (!taking || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop(event: DragEvent) {
      if (!taking || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      const { files, folders } = droppedFiles(event.dataTransfer);
      onDrop(files, folders);
    },
  };
  return { over, handlers };
}
