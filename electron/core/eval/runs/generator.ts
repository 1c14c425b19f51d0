import type { GenerateInput, GenerationResult } from '../../contract/schemas.js';
import { gatewayTags } from '../../gateway/cache/gateway-tags.js';
import type { InferenceService } from '../../inference/inference.service.js';

/** One model call of an eval job: cases and judges call this, each with the job's cancel signal. */
export type Generate = (input: GenerateInput, signal: AbortSignal) => Promise<GenerationResult>;

/**
 * A signal that follows `parent` until disposed. The inference client leaves an abort listener on the signal it is
 * given; a run of thousands of calls on the job's own signal would pile them up, one per call, until the job ends.
 */
export function childSignal(parent: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', abort, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener('abort', abort) };
}

/**
 * Each call gets a job id of its own under the eval job's, so its token events never mix into the eval job's
 * progress stream (a run with hundreds of cases would flood it).
 */
export function generatorFor(inference: InferenceService, jobId: string): Generate {
  let calls = 0;
  return async (input, signal) => {
    const child = childSignal(signal);
    try {
      const job = { jobId: `${jobId}#${++calls}`, signal: child.signal, progress: () => undefined };
      return await gatewayTags.run({ bypassCache: true }, () => inference.generate(input, 'evaluation', job));
    } finally {
      child.dispose();
    }
  };
}

export const samplingDefaults = { temperature: 0, topP: 0.95, topK: 40, stop: [] as string[], seed: 42 };
