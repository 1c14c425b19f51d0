import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeError } from '../native-error.js';
import type { GgufHeader } from './gguf-header.validator.js';
import type { InspectorReply, InspectorRequest } from './gguf-inspector.protocol.js';

export interface InspectorOptions {
  /** The inspector's script and Node flags; by default gguf-inspector.process (through tsx from the sources). */
  entry?: string;
  execArgv?: string[];
  /** How long one file may take once the inspector is running; longer is a hang and the file is refused. */
  timeoutMs?: number;
  /** The inspector's V8 heap limit: a file that makes it grow further kills it, not the app. */
  heapMb?: number;
  /** An idle inspector exits after this long, so it holds no memory between imports. */
  idleMs?: number;
  startTimeoutMs?: number;
}

interface Running {
  process: ChildProcess;
  ready: Promise<void>;
  stderrTail: string;
  answer?: (reply: InspectorReply) => void;
  exited?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * Reads GGUF headers in a child process that can die. Files are inspected one at a time, so a file that crashes
 * or stalls the inspector is the only one refused; the next file starts a fresh inspector.
 */
export class GgufInspector {
  private running: Running | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly options: Required<InspectorOptions>;

  constructor(options: InspectorOptions = {}) {
    const self = fileURLToPath(import.meta.url);
    const fromSource = self.endsWith('.ts');
    this.options = {
      entry: self.replace(/gguf-inspector\.client\.(ts|js)$/, `gguf-inspector.process.${fromSource ? 'ts' : 'js'}`),
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      timeoutMs: 10_000,
      heapMb: 256,
      idleMs: 15_000,
      startTimeoutMs: 60_000,
      ...options,
    };
  }

  inspect(filePath: string): Promise<GgufHeader> {
    const run = this.queue.then(() => this.inspectNow(filePath));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the inspector now (it would stop by itself when idle). */
  close(): void {
    clearTimeout(this.idleTimer);
    this.running?.process.kill('SIGKILL');
    this.running = undefined;
  }

  private async inspectNow(filePath: string): Promise<GgufHeader> {
    clearTimeout(this.idleTimer);
    const running = this.running ?? this.start();
    this.running = running;
    await running.ready;
    setReferenced(running.process, true);
    try {
      return await this.ask(running, filePath);
    } finally {
      if (this.running === running) {
        setReferenced(running.process, false);
        this.idleTimer = setTimeout(() => this.close(), this.options.idleMs).unref();
      }
    }
  }

  private ask(running: Running, filePath: string): Promise<GgufHeader> {
    const id = this.nextId++;
    const file = path.basename(filePath);
    return new Promise<GgufHeader>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        running.answer = undefined;
        running.exited = undefined;
      };
      const timer = setTimeout(() => {
        settle();
        this.stop(running);
        reject(new NativeError('MODEL_INVALID', `${file} was refused: reading its header took longer than ${this.options.timeoutMs / 1000} s`));
      }, this.options.timeoutMs);
      running.answer = (reply) => {
        if (!('id' in reply) || reply.id !== id) return;
        settle();
        if (reply.ok) resolve(reply.header);
        else reject(new NativeError(reply.error.code, reply.error.message));
      };
      running.exited = (code, signal) => {
        settle();
        const outOfMemory = /heap out of memory|allocation failed/i.test(running.stderrTail);
        const how = outOfMemory ? `ran out of its ${this.options.heapMb} MB of memory` : `crashed (${signal ?? `exit code ${code}`})`;
        reject(new NativeError('MODEL_INVALID', `${file} was refused: the process reading its header ${how}`));
      };
      running.process.send({ id, path: filePath } satisfies InspectorRequest);
    });
  }

  private start(): Running {
    const { entry, execArgv, heapMb, startTimeoutMs } = this.options;
    // Under Electron, process.execPath is the Electron binary: it must run the inspector as plain Node.
    const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
    const child = fork(entry, [], {
      execArgv: [...execArgv, `--max-old-space-size=${heapMb}`],
      env,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const running: Running = { process: child, stderrTail: '', ready: Promise.resolve() };
    child.stderr?.on('data', (chunk: Buffer) => {
      running.stderrTail = (running.stderrTail + chunk.toString()).slice(-4096);
    });
    running.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stop(running);
        reject(new Error(`The GGUF inspector did not start within ${startTimeoutMs / 1000} s`));
      }, startTimeoutMs);
      child.on('message', (reply: InspectorReply) => {
        if ('ready' in reply) {
          clearTimeout(timer);
          resolve();
        } else {
          running.answer?.(reply);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.running === running) this.running = undefined;
        reject(new Error(`The GGUF inspector could not start (${signal ?? `exit code ${code}`}): ${running.stderrTail.trim()}`));
        running.exited?.(code, signal);
      });
      child.on('error', () => undefined); // 'exit' follows and reports it
    });
    running.ready.catch(() => undefined);
    return running;
  }

  private stop(running: Running): void {
    if (this.running === running) this.running = undefined;
    running.process.kill('SIGKILL');
  }
}

/** An idle inspector must not keep the CLI (or a test) alive; a busy one must. */
function setReferenced(child: ChildProcess, referenced: boolean): void {
  const channel = child.channel as { ref?(): void; unref?(): void } | null | undefined;
  const stderr = child.stderr as unknown as { ref?(): void; unref?(): void } | null;
  if (referenced) {
    child.ref();
    channel?.ref?.();
    stderr?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
    stderr?.unref?.();
  }
}
