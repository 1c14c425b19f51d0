import type { IncomingMessage } from 'node:http';

/** Largest RPC body a signed-in caller may send (a dataset or document passed inline). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Largest body before signing in: public methods (sign-in, setup) take a name and a password, nothing more. */
export const MAX_PUBLIC_BODY_BYTES = 64 * 1024;
/**
 * What a refused request may still send after our answer. Node reads (and drops) the rest of a body so the client,
 * still uploading, gets our 413 or 401 instead of a connection reset; past this the connection is cut.
 */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/** The declared Content-Length is over `limit`: answer before reading a byte. */
export function declaredTooLarge(request: IncomingMessage, limit: number): boolean {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/** Reads the body up to `limit` bytes; `undefined` when it is longer (the rest is discarded, not buffered). */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', collect);
      chunks.length = 0;
      discardBody(request);
      resolve(undefined);
    };
    request.on('data', collect);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Drops whatever body is still coming (bounded), so the answer already sent is what the client reads. */
export function discardBody(request: IncomingMessage): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) request.socket.destroy();
  });
  request.on('error', () => undefined);
  request.resume();
}
