import { downloadText } from '../datasets/download.js';

/** Bundles cross the RPC boundary as base64; the browser reads and saves them as bytes. */

/** The largest bundle the screen sends: the server takes 16 MiB per request, and base64 adds a third. */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

export async function fileToBase64(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes (a bundle, a key file) with the app's one download helper. */
export function downloadBytes(fileName: string, bytes: Uint8Array | string, type = 'application/octet-stream'): void {
  downloadText(fileName, bytes, type);
}
