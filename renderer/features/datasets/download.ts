/** Saves text or bytes as a file through the browser's download (the headless server) or Electron's save handling. */
export function downloadText(fileName: string, content: string | Uint8Array, type = 'application/x-ndjson'): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
