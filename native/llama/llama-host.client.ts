import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NativeError, type NativeErrorShape } from '../native-error.js';
import type { GenerateHooks, InferenceProvider } from './provider.js';
import type { ChoiceRequest, ChoiceScore, EmbedResult, GenerateRequest, GenerationResult, GpuChoice, HostReply, HostRequest, HostStatusInfo, ModelSpec } from './protocol.js';

/** The few things the client needs from a child process; Electron's utilityProcess fits it too. */
export interface HostChannel {
  send(message: HostRequest): void;
  onMessage(listener: (reply: HostReply) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type HostSpawner = (entry: string, execArgv: string[]) => HostChannel;

interface Pending {
  resolve(value: unknown): void;
  reject(error: NativeError): void;
  onText?: GenerateHooks['onText'];
}

/** Source runs (tests, tsx) start the host from its .ts file through tsx; builds start the compiled .js. */
export function hostEntry(): { entry: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const fromSource = self.endsWith('.ts');
  return {
    entry: self.replace(/llama-host\.client\.(ts|js)$/, `llama-host.process.${fromSource ? 'ts' : 'js'}`),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

export const forkSpawner: HostSpawner = (entry, execArgv) => {
  // Under Electron, process.execPath is the Electron binary: it must run the host as plain Node.
  const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
  const child = fork(entry, [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    send: (message) => child.send(message),
    onMessage: (listener) => child.on('message', (m) => listener(m as HostReply)),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
    kill: () => child.kill(),
  };
};

/** The app side of the inference host. Starts the child on first use and again after it dies. */
export class LlamaHostClient implements InferenceProvider {
  private channel: Promise<HostChannel> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly gpu: () => GpuChoice, private readonly spawner: HostSpawner = forkSpawner) {}

  generate(spec: ModelSpec, request: GenerateRequest, hooks: GenerateHooks): Promise<GenerationResult> {
    return this.request<GenerationResult>((id) => ({ type: 'generate', id, spec, request }), hooks);
  }

  embed(spec: ModelSpec, texts: string[]): Promise<EmbedResult> {
    return this.request((id) => ({ type: 'embed', id, spec, texts }));
  }

  async scoreChoices(spec: ModelSpec, items: ChoiceRequest[]): Promise<ChoiceScore[][]> {
    return (await this.request<{ scores: ChoiceScore[][] }>((id) => ({ type: 'scoreChoices', id, spec, items }))).scores;
  }

  async countTokens(spec: ModelSpec, texts: string[]): Promise<number[]> {
    return (await this.request<{ counts: number[] }>((id) => ({ type: 'countTokens', id, spec, texts }))).counts;
  }

  status(): Promise<HostStatusInfo> {
    if (!this.channel) return Promise.resolve({ gpu: 'not started', threads: null, loadedModels: [] });
    return this.request((id) => ({ type: 'status', id }));
  }

  async unload(modelId: string): Promise<boolean> {
    if (!this.channel) return false;
    return (await this.request<{ unloaded: boolean }>((id) => ({ type: 'unload', id, modelId }))).unloaded;
  }

  /** Drops the host so the next request starts one with the current settings (e.g. a new GPU choice). */
  async restart(): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    if (channel) (await channel.catch(() => undefined))?.kill();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.restart();
  }

  private async request<T>(build: (id: number) => HostRequest, hooks?: GenerateHooks): Promise<T> {
    if (this.closed) throw new NativeError('INFERENCE_FAILED', 'The inference host is shut down');
    const channel = await this.start();
    const id = this.nextId++;
    const cancel = (): void => channel.send({ type: 'cancel', id });
    hooks?.signal.addEventListener('abort', cancel, { once: true });
    try {
      return await new Promise<T>((resolve, reject) => {
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(hooks ? { onText: hooks.onText } : {}) });
        if (hooks?.signal.aborted) cancel();
        channel.send(build(id));
      });
    } finally {
      // A signal may outlive many requests (a whole eval run): leave no listener behind.
      hooks?.signal.removeEventListener('abort', cancel);
    }
  }

  private start(): Promise<HostChannel> {
    this.channel ??= new Promise<HostChannel>((resolve, reject) => {
      const { entry, execArgv } = hostEntry();
      const channel = this.spawner(entry, execArgv);
      let ready = false;
      channel.onMessage((reply) => {
        if (reply.type === 'ready') {
          ready = true;
          resolve(channel);
        } else if (reply.type === 'initFailed') {
          this.channel = undefined;
          channel.kill();
          reject(fromShape(reply.error));
        } else {
          this.onReply(reply);
        }
      });
      channel.onExit((code, signal) => {
        if (this.channel && !ready) reject(new NativeError('INFERENCE_FAILED', `The inference host could not start (exit ${code ?? signal})`));
        this.channel = undefined;
        this.failAll(code, signal);
      });
      channel.send({ type: 'init', gpu: this.gpu() });
    });
    return this.channel;
  }

  private onReply(reply: Exclude<HostReply, { type: 'ready' } | { type: 'initFailed' }>): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.type === 'text') {
      pending.onText?.(reply.text, reply.completionTokens);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'done') pending.resolve(reply.value);
    else pending.reject(fromShape(reply.error));
  }

  private failAll(code: number | null, signal: string | null): void {
    if (this.closed && this.pending.size === 0) return;
    const error = new NativeError(
      'INFERENCE_FAILED',
      `The inference process stopped unexpectedly (${signal ?? `exit code ${code}`}); the request was lost and the host restarts with the next one`,
    );
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

function fromShape(shape: NativeErrorShape): NativeError {
  return new NativeError(shape.code, shape.message, shape.details);
}
