// The GGUF inspector: a child process that reads untrusted model headers. If a hostile file ever finds a way to
// crash, hang or bloat it, only this process dies; the client turns that into MODEL_INVALID and starts a new one.
import { NativeError } from '../native-error.js';
import { validateGgufFile } from './gguf-header.validator.js';
import type { InspectorReply, InspectorRequest } from './gguf-inspector.protocol.js';

const send = (reply: InspectorReply): void => {
  process.send?.(reply);
};

process.on('message', (request: InspectorRequest) => {
  try {
    send({ id: request.id, ok: true, header: validateGgufFile(request.path) });
  } catch (error) {
    send({ id: request.id, ok: false, error: toShape(error, request.path) });
  }
});
// The app went away (or closed the channel): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
send({ ready: true });

function toShape(error: unknown, filePath: string): { code: 'MODEL_INVALID' | 'MODEL_NOT_FOUND'; message: string } {
  if (error instanceof NativeError && (error.code === 'MODEL_INVALID' || error.code === 'MODEL_NOT_FOUND')) {
    return { code: error.code, message: error.message };
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { code: 'MODEL_NOT_FOUND', message: `No model file at ${filePath}; check the path and try again` };
  // Anything else came from reading a hostile or unreadable file, not from the app: the file is refused.
  return { code: 'MODEL_INVALID', message: `${filePath} could not be read as a GGUF file (${(error as Error).message})` };
}
