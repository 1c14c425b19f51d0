// Real llama.cpp `llama-server` processes on loopback, for tests that need a real OpenAI-compatible peer (gateway,
// OpenAI API compatibility, red-team suites). Each server loads a real GGUF from ../shared/models on one thread and is
// ready (GET /health = 200) when returned. Every server started here is killed when the test process exits, even on a
// crash; call stop() (or use useLlamaServers) to end them as soon as a suite is done.
//
//   const servers = useLlamaServers(2, { apiKey: 'k' });   // in a describe: beforeAll starts, afterAll stops
//   await fetch(`${servers[0].url}/v1/chat/completions`, …)
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { models } from './fixtures.js';
import { llamaTool } from './llama-tools.js';

export interface LlamaServerOptions {
  /** A GGUF path; stories260K (a tiny real chat-ish model) by default. It also serves embeddings. */
  model?: string;
  /** Serve /v1/embeddings (mean pooling, so causal models like stories260K embed too). */
  embeddings?: boolean;
  /** Require `Authorization: Bearer <apiKey>` on every endpoint except /health. */
  apiKey?: string;
  /** The model id /v1/models reports and requests may name; the file name by default. */
  alias?: string;
  /** Context size in tokens, shared by the slots (default 2048). */
  ctxSize?: number;
  /** Parallel slots (default 1). */
  parallel?: number;
  /** More llama-server arguments, appended last. */
  extraArgs?: string[];
  /** Milliseconds to wait for /health (default 30 s). */
  readyTimeoutMs?: number;
}

export interface LlamaServer {
  /** http://127.0.0.1:<port>, no trailing slash; the OpenAI API is under /v1. */
  url: string;
  port: number;
  /** The process id, e.g. to check it is gone. */
  pid: number;
  /** Everything the server wrote to stdout and stderr so far (for a failing test's message). */
  log(): string;
  /** SIGKILL at once (simulates a crashed peer). */
  kill(): void;
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port the OS considers free right now (a race with another process is retried by startLlamaServer). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function argsFor(port: number, options: LlamaServerOptions): string[] {
  const args = [
    '--model', options.model ?? models.stories,
    '--host', '127.0.0.1', '--port', String(port),
    '--threads', '1', '--threads-batch', '1', '--threads-http', '2',
    '--ctx-size', String(options.ctxSize ?? 2048), '--parallel', String(options.parallel ?? 1),
    '--no-webui', '--offline', '--no-warmup', '--log-disable',
  ];
  if (options.alias) args.push('--alias', options.alias);
  if (options.embeddings) args.push('--embeddings', '--pooling', 'mean');
  if (options.apiKey) args.push('--api-key', options.apiKey);
  return [...args, ...(options.extraArgs ?? [])];
}

async function waitReady(url: string, child: ChildProcess, exited: Promise<number | null>, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`llama-server exited before it was ready (exit ${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`llama-server was not ready within ${timeoutMs} ms:\n${log()}`);
}

async function startOnce(options: LlamaServerOptions): Promise<LlamaServer> {
  const port = await freePort();
  const child = spawn(llamaTool('llama-server'), argsFor(port, options), { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    live.delete(child);
    resolve(code);
  }));
  const log = (): string => output;
  const url = `http://127.0.0.1:${port}`;
  const server: LlamaServer = {
    url,
    port,
    pid: child.pid ?? -1,
    log,
    kill: () => void child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitReady(url, child, exited, options.readyTimeoutMs ?? 30_000, log);
  } catch (error) {
    server.kill();
    await exited;
    throw error;
  }
  return server;
}

/** Starts one llama-server and waits until it answers /health. */
export async function startLlamaServer(options: LlamaServerOptions = {}): Promise<LlamaServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (error) {
      // Another process may have taken the free port between the probe and the bind: try a new one.
      lastError = error;
      if (!/bind|address already in use/i.test(String(error))) throw error;
    }
  }
  throw lastError;
}

/** Starts n servers in parallel; if one fails, the others are stopped. */
export async function startLlamaServers(n: number, options: LlamaServerOptions = {}): Promise<LlamaServer[]> {
  const results = await Promise.allSettled(Array.from({ length: n }, () => startLlamaServer(options)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.stop()));
    throw failed.reason;
  }
  return started;
}

/**
 * In a describe block: starts n servers before its tests and stops them after. The returned array is filled in
 * beforeAll, so read it inside tests, not at collection time.
 */
export function useLlamaServers(n: number, options: LlamaServerOptions = {}): LlamaServer[] {
  const servers: LlamaServer[] = [];
  beforeAll(async () => {
    servers.push(...(await startLlamaServers(n, options)));
  }, (options.readyTimeoutMs ?? 30_000) + 10_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });
  return servers;
}
