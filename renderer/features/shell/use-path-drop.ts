import { useEffect, useState } from 'react';
import { electronBridge } from '../../api/bridge.types.js';

/**
 * Under Electron, files and folders dropped anywhere on the window are handed over as absolute paths (the
 * bridge's pathForFile works for folders too). In a browser a dropped file has no path, so nothing is listened
 * to. `accept` keeps only some files (the Models screen takes .gguf files). Returns whether a drag is over the
 * window, to show the drop hint.
 */
export function usePathDrop(onPaths: (paths: string[]) => void, accept: (file: File) => boolean = () => true): boolean {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const bridge = electronBridge();
    if (!bridge) return;
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

    const onDragEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onDragLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault(); // Without this the drop would be refused (or open the file as a page).
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const paths = Array.from(event.dataTransfer?.files ?? [])
        .filter(accept)
        .map((file) => bridge.pathForFile(file))
        .filter((path) => path !== '');
      if (paths.length > 0) onPaths(paths);
    };

    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [onPaths, accept]);

  return dragging;
}
