// Extraction hosts (child processes), kept between files: starting one and loading every extractor in it costs far
// more than extracting a typical file, so a host that finished a file cleanly takes the next. A host stopped
// mid-file (budget exceeded, cancelled, crashed) is never reused.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExtractReply, ExtractRequest } from './extract-host.protocol.js';

/** Idle hosts kept warm, and for how long: enough for the ingestions that run at once. */
const MAX_IDLE = 2;
const IDLE_MS = 30_000;
/** The end of a host's stderr is kept to tell a heap exhaustion from other deaths. */
const STDERR_TAIL = 8 * 1024;

export interface HostExit {
  outOfMemory: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One child process that extracts files. */
export class ExtractHost {
  private stderrTail = '';
  private exit: HostExit | undefined;
  private readonly exitListeners = new Set<(exit: HostExit) => void>();

  constructor(private readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => (this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL)));
    child.on('error', () => undefined);
    // 'close' comes after stderr has drained, so the out-of-memory message has been read by then.
    child.on('close', (code, signal) => {
      this.exit = { outOfMemory: /heap out of memory|Reached heap limit/i.test(this.stderrTail), code, signal };
      for (const listener of this.exitListeners) listener(this.exit);
    });
  }

  /** The child's process id while it runs. */
  get pid(): number | undefined {
    return this.exit === undefined ? this.child.pid : undefined;
  }

  get alive(): boolean {
    return this.exit === undefined && this.child.connected;
  }

  send(request: ExtractRequest): void {
    if (this.child.connected) this.child.send(request);
  }

  onMessage(listener: (reply: ExtractReply) => void): () => void {
    this.child.on('message', listener);
    return () => void this.child.off('message', listener);
  }

  onExit(listener: (exit: HostExit) => void): () => void {
    if (this.exit) queueMicrotask(() => listener(this.exit!));
    this.exitListeners.add(listener);
    return () => void this.exitListeners.delete(listener);
  }

  /** SIGKILL: a parser stuck in a synchronous loop gets no say. */
  kill(): void {
    if (this.exit === undefined) this.child.kill('SIGKILL');
  }

  /** An idle host keeps no process alive; a busy one does. */
  hold(busy: boolean): void {
    const handles = [this.child, this.child.channel, this.child.stderr] as Array<{ ref?(): void; unref?(): void } | null | undefined>;
    for (const handle of handles) (busy ? handle?.ref : handle?.unref)?.call(handle);
  }
}

interface Idle {
  host: ExtractHost;
  timer: NodeJS.Timeout;
}

export class ExtractHostPool {
  private readonly idle: Idle[] = [];
  /** A host started in the background after one was stopped, so the next file need not wait for a start. */
  private spare: { host: ExtractHost; ready: Promise<ExtractHost> } | undefined;
  /** Every host not yet exited (idle, spare or extracting), so closing ends them all. */
  private readonly live = new Set<ExtractHost>();
  private closed = false;

  constructor(private readonly heapMb: number) {}

  /** A host that has loaded the extractors and waits for a file. */
  async acquire(): Promise<ExtractHost> {
    if (this.closed) throw new Error('The extraction host pool is closed');
    for (let entry = this.idle.pop(); entry; entry = this.idle.pop()) {
      clearTimeout(entry.timer);
      if (!entry.host.alive) continue;
      entry.host.hold(true);
      return entry.host;
    }
    const spare = this.spare;
    this.spare = undefined;
    // Held before waiting: an unreferenced host that is still starting would let the process exit under us.
    spare?.host.hold(true);
    const host = await spare?.ready.catch(() => undefined);
    if (host?.alive) return host;
    return this.start().ready;
  }

  /** A host that finished its file cleanly goes back to the pool. */
  release(host: ExtractHost): void {
    if (this.closed || this.idle.length >= MAX_IDLE || !host.alive) {
      host.kill();
      return;
    }
    host.hold(false);
    const timer = setTimeout(() => this.retire(host), IDLE_MS);
    timer.unref();
    this.idle.push({ host, timer });
  }

  /** A host stopped mid-file: its state is unknown, so it goes, and a spare starts while the caller moves on. */
  discard(host: ExtractHost): void {
    host.kill();
    if (this.closed || this.spare || this.idle.length > 0) return;
    this.spare = this.start(false);
    this.spare.ready.catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.spare?.host.kill();
    this.spare = undefined;
    for (const { host, timer } of this.idle.splice(0)) {
      clearTimeout(timer);
      host.kill();
    }
    for (const host of this.live) host.kill();
  }

  /** The process ids of the hosts still running. */
  livePids(): number[] {
    return [...this.live].flatMap((host) => (host.pid === undefined ? [] : [host.pid]));
  }

  private retire(host: ExtractHost): void {
    const at = this.idle.findIndex((entry) => entry.host === host);
    if (at >= 0) this.idle.splice(at, 1);
    host.kill();
  }

  /** A new host; a spare (`busy` false) keeps no process alive while it waits to be used. */
  private start(busy = true): { host: ExtractHost; ready: Promise<ExtractHost> } {
    const host = new ExtractHost(spawnExtractHost(this.heapMb));
    this.live.add(host);
    host.onExit(() => this.live.delete(host));
    if (!busy) host.hold(false);
    const ready = new Promise<ExtractHost>((resolve, reject) => {
      const stopListening = host.onMessage((reply) => {
        if (reply.type !== 'ready') return;
        stopListening();
        stopWatching();
        resolve(host);
      });
      const stopWatching = host.onExit((exit) => {
        stopListening();
        reject(new Error(`The extraction host did not start (exit code ${exit.code}, signal ${exit.signal})`));
      });
    });
    return { host, ready };
  }
}

/** Source runs (tests, tsx) start the host from its .ts file through tsx; builds start the compiled .js. */
function spawnExtractHost(heapMb: number): ChildProcess {
  const self = fileURLToPath(import.meta.url);
  const fromSource = self.endsWith('.ts');
  const entry = self.replace(/extract-host-pool\.(ts|js)$/, `extract-host.process.${fromSource ? 'ts' : 'js'}`);
  const execArgv = [`--max-old-space-size=${Math.round(heapMb)}`];
  if (fromSource) execArgv.push('--import', pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/loader.mjs')).href);
  // Under Electron, process.execPath is the Electron binary: it must run the host as plain Node.
  const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
  return fork(entry, [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}
