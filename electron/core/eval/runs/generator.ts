import type { GenerateInput, GenerationResult } from '../../contract/schemas.js';
import { gatewayTags } from '../../gateway/cache/gateway-tags.js';
import type { InferenceService } from '../../inference/inference.service.js';

/** One model call of an eval job: cases and judges call this, each with the job's cancel signal. */
export type Generate = (input: GenerateInput, signal: AbortSignal) => Promise<GenerationResult>;

/** The children of each parent signal: one abort listener per parent, however many calls run under it at once. */
const children = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * A signal that follows `parent` until disposed. The inference client leaves an abort listener on the signal it is
 * given; a run of thousands of calls on the job's own signal would pile them up, one per call, until the job ends.
 * The parent holds a single listener that aborts whichever children are live, so 16 cases in flight do not add 16
 * listeners to the job's signal either.
 */
export function childSignal(parent: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (parent.aborted) {
    controller.abort();
    return { signal: controller.signal, dispose: () => undefined };
  }
  let live = children.get(parent);
  if (!live) {
    const created = new Set<AbortController>();
    parent.addEventListener('abort', () => {
      for (const child of created) child.abort();
      created.clear();
    }, { once: true });
    children.set(parent, created);
    live = created;
  }
  live.add(controller);
  const set = live;
  return { signal: controller.signal, dispose: () => void set.delete(controller) };
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
