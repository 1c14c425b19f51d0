// The extraction host: a child process that runs the format extractors for one file at a time, off the app's event
// loop and in its own heap (`--max-old-space-size`). A child, not a worker thread: a parser that exhausts its heap
// inside native code (JSON.parse, regex) aborts V8, and only a separate process survives that without the app.
import { Worker } from 'node:worker_threads';
import { isAppError } from '../../contract/errors.js';
import { extractDocumentStream, observeExtractorLoading } from './extract.js';
import type { ExtractedSection, ExtractOptions } from './extract.types.js';
import { SECTION_BATCH_CHARS, type ExtractReply, type ExtractRequest } from './extract-host.protocol.js';

const post = (reply: ExtractReply): void => void process.send?.(reply);
let wakeCaller: (() => void) | undefined;
/** Sends a batch and waits until the caller asks for more (backpressure). */
const send = (sections: ExtractedSection[]): Promise<void> =>
  new Promise((resolve) => {
    wakeCaller = resolve;
    post({ type: 'sections', sections });
  });

async function extract(path: string, limits: ExtractOptions['limits']): Promise<void> {
  try {
    const stream = extractDocumentStream(path, limits ? { limits } : {});
    let batch: ExtractedSection[] = [];
    let chars = 0;
    for await (const section of stream) {
      batch.push(section);
      chars += section.text.length;
      if (chars >= SECTION_BATCH_CHARS) {
        await send(batch);
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) await send(batch);
    post({ type: 'done', summary: stream.summary() });
  } catch (error) {
    if (isAppError(error)) post({ type: 'failed', error: error.toShape(), internal: false });
    else post({ type: 'failed', error: { code: 'INTERNAL', message: String((error as Error)?.message ?? error) }, internal: true, stack: (error as Error)?.stack });
  }
}

process.on('message', (request: ExtractRequest) => {
  if (request.type === 'more') {
    const wake = wakeCaller;
    wakeCaller = undefined;
    wake?.();
  } else {
    void extract(request.path, request.limits);
  }
});
process.on('disconnect', () => process.exit(0));

// A parser spinning in a loop never sees 'disconnect': if the app dies (SIGKILL) this thread notices that the
// parent is gone and ends the process, so no orphan keeps burning a core.
const watchdog = new Worker(
  `const { workerData } = require('node:worker_threads');
   setInterval(() => { if (process.ppid !== workerData.parent) process.kill(workerData.self, 'SIGKILL'); }, 500);`,
  { eval: true, workerData: { parent: process.ppid, self: process.pid }, resourceLimits: { maxOldGenerationSizeMb: 8 } },
);
watchdog.unref();

// Extractors load on first use (a text import never starts the PDF engine); the caller's clock for the file is
// paused meanwhile, so a file's budget measures its parsing, not module loading on a busy machine.
observeExtractorLoading((loading) => post({ type: loading ? 'paused' : 'resumed' }));
post({ type: 'ready' });
