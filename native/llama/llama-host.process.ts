// The inference host: a child process that owns llama.cpp, so a native crash or a hang never takes the app
// down and the app's threads never wait on a token. Requests and replies are messages (protocol.ts).
import { NativeError, isNativeError, type NativeErrorShape } from '../native-error.js';
import { installEgressGuard } from '../net/egress-guard.js';
import { LlamaEngine } from './llama-engine.js';
import type { HostReply, HostRequest } from './protocol.js';

// The host never needs the network: node-llama-cpp must not download or phone home.
installEgressGuard();

/** Tokens are sent in batches at most this often: per-token IPC would cost more than generating a small model's token. */
const TEXT_FLUSH_MS = 16;

let engine: Promise<LlamaEngine> | undefined;
const running = new Map<number, AbortController>();
/** Cancels that arrived before their request started running (ids are never reused). */
const cancelledEarly = new Set<number>();

function send(reply: HostReply): void {
  process.send?.(reply);
}

function toShape(error: unknown): NativeErrorShape {
  if (isNativeError(error)) return error.toShape();
  process.stderr.write(`[llama-host] ${(error as Error)?.stack ?? String(error)}\n`);
  return new NativeError('INFERENCE_FAILED', `Inference failed: ${(error as Error)?.message ?? String(error)}`).toShape();
}

async function handle(message: HostRequest): Promise<void> {
  switch (message.type) {
    case 'init':
      engine = LlamaEngine.create(message.gpu);
      engine.then((e) => send({ type: 'ready', gpu: e.gpu }), (error) => send({ type: 'initFailed', error: toShape(error) }));
      return;
    case 'cancel': {
      // A cancel can overtake its request (the engine or the model may still be loading): remember it.
      const controller = running.get(message.id);
      if (controller) controller.abort();
      else cancelledEarly.add(message.id);
      return;
    }
    default:
      break;
  }
  const { id } = message;
  try {
    if (!engine) throw new NativeError('INFERENCE_FAILED', 'The inference host was not initialised');
    const e = await engine;
    switch (message.type) {
      case 'generate': {
        const controller = new AbortController();
        running.set(id, controller);
        if (cancelledEarly.delete(id)) controller.abort();
        let pending = '';
        let lastFlush = performance.now();
        let tokens = 0;
        const flush = (): void => {
          if (pending === '') return;
          send({ type: 'text', id, text: pending, completionTokens: tokens });
          pending = '';
          lastFlush = performance.now();
        };
        try {
          const value = await e.generate(message.spec, message.request, {
            signal: controller.signal,
            onText(text, completionTokens) {
              pending += text;
              tokens = completionTokens;
              if (performance.now() - lastFlush >= TEXT_FLUSH_MS) flush();
            },
          });
          flush();
          send({ type: 'done', id, value });
        } finally {
          running.delete(id);
        }
        return;
      }
      case 'embed':
        send({ type: 'done', id, value: await e.embed(message.spec, message.texts) });
        return;
      case 'scoreChoices':
        send({ type: 'done', id, value: { scores: await e.scoreChoices(message.spec, message.items) } });
        return;
      case 'countTokens':
        send({ type: 'done', id, value: { counts: await e.countTokens(message.spec, message.texts) } });
        return;
      case 'status':
        send({ type: 'done', id, value: await e.status() });
        return;
      case 'unload':
        send({ type: 'done', id, value: { unloaded: await e.unload(message.modelId) } });
        return;
    }
  } catch (error) {
    send({ type: 'error', id, error: toShape(error) });
  }
}

process.on('message', (message: HostRequest) => void handle(message));
// The parent going away (crash or kill) must not leave an orphan holding gigabytes of weights.
process.on('disconnect', () => process.exit(0));
