import { ClientError } from '../../api/client.js';

/** The browser side of an upload: files as base64, and what a drop holds. */

/** The file's bytes as base64 (the data URL's payload: the browser encodes natively, off the JS heap). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    // A file moved or deleted since it was picked, or one the browser may not read.
    reader.onerror = () => reject(new ClientError({ code: 'FILE_UNREADABLE', message: `${file.name} could not be read (${reader.error?.message ?? 'unknown error'}); choose it again.` }));
    reader.readAsDataURL(file);
  });
}

/** The files of a drop, and the names of the folders in it (a browser upload takes files only). */
export function droppedFiles(transfer: DataTransfer): { files: File[]; folders: string[] } {
  const files: File[] = [];
  const folders: string[] = [];
  const items = Array.from(transfer.items).filter((item) => item.kind === 'file');
  if (items.length === 0) return { files: Array.from(transfer.files), folders };
  for (const item of items) {
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry?.isDirectory) folders.push(entry.name);
    else if (file) files.push(file);
  }
  return { files, folders };
}

/** Whether a drag carries files (not text or a link). */
export const carriesFiles = (transfer: DataTransfer | null): boolean => transfer?.types.includes('Files') ?? false;
