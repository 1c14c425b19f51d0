import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { decodePercentEncoding } from './request-url.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer; unknown paths get index.html so client-side routes survive a reload. */
export async function serveStatic(root: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const decoded = decodePercentEncoding(urlPath);
  if (decoded === undefined) {
    response.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: malformed percent-encoding in the path');
    return;
  }
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  let file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep)) {
    response.writeHead(403, headers).end('Forbidden');
    return;
  }
  let stats = await stat(file).catch(() => undefined);
  if (!stats?.isFile()) {
    file = path.join(root, 'index.html');
    stats = await stat(file).catch(() => undefined);
  }
  if (!stats?.isFile()) {
    response.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('The user interface is not built. Run `npm run build`, then start the server again.');
    return;
  }
  const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': stats.size, 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(response);
}
