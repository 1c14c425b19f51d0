import { startServer } from '../../server/server.js';
import { numberFlag, parse } from '../args.js';

const serveOptions = {
  port: { type: 'string' },
  host: { type: 'string' },
} as const;

/** Runs until interrupted; prints the URL (with its access token) as the one line a user needs. */
export async function serveCommand(argv: string[], dataDir: string, modelsDir: string): Promise<void> {
  const { values } = parse(argv, serveOptions);
  const server = await startServer({ dataDir, modelsDir, host: values.host ?? '127.0.0.1', port: numberFlag(values.port, 'port') ?? 4870 });
  if (values.json) process.stdout.write(`${JSON.stringify({ url: server.url, origin: server.origin, openaiBaseUrl: `${server.origin}/v1`, dataDir })}\n`);
  else process.stdout.write(`Enclave is serving on ${server.url}\nOpen that URL in a browser (it carries the access token). Data: ${dataDir}. Stop with Ctrl+C.\nOpenAI-compatible API: ${server.origin}/v1 (Authorization: Bearer <API token from \`enclave tokens create\`>)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
}
