import type { CoreMethod } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import { holds } from '../auth/permissions.js';
import type { ModelUse } from '../models/approval-gate.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';

const isAdmin = (ctx: CallContext): boolean => ctx.roles.includes('admin');
const useFor = (ctx: CallContext): ModelUse => (holds(ctx, 'models.evaluate') ? 'evaluation' : 'production');

/** One line per foundation method: validation happened in dispatch, the work happens in the services. */
export function createHandlers(s: CoreServices & { onGpuChanged(): Promise<void> }): HandlersFor<CoreMethod> {
  return {
    'app.info': () => s.info,

    // The Playground and direct calls: model evaluators may try pending models here; everyone else runs approved ones.
    'inference.generate': (input, ctx) => ({ jobId: s.jobs.start('inference.generate', (job) => s.inference.generate(input, useFor(ctx), job)) }),
    'inference.embed': ({ model, texts }, ctx) => s.inference.embed(model, texts, useFor(ctx)),
    'inference.countTokens': async ({ model, text }) => ({ tokens: (await s.inference.countTokens(model, [text]))[0] ?? 0 }),
    'inference.status': () => s.provider.status(),
    'inference.unload': async ({ model }) => ({ unloaded: await s.inference.unload(model) }),

    'settings.get': () => s.settings.get(),
    'settings.update': async (patch) => {
      const before = s.settings.get();
      const after = s.settings.update(patch);
      if (after.gpu !== before.gpu) await s.onGpuChanged();
      return after;
    },

    // Jobs belong to whoever started them: another user's job is reported as missing (its results are theirs).
    'jobs.list': (_input, ctx) => s.jobs.listFor(ctx.user, isAdmin(ctx)),
    'jobs.get': ({ jobId }, ctx) => s.jobs.visibleTo(jobId, ctx.user, isAdmin(ctx)),
    'jobs.wait': ({ jobId }, ctx) => {
      s.jobs.visibleTo(jobId, ctx.user, isAdmin(ctx));
      return s.jobs.wait(jobId);
    },
    'jobs.cancel': ({ jobId }, ctx) => {
      s.jobs.visibleTo(jobId, ctx.user, isAdmin(ctx));
      return { cancelled: s.jobs.cancel(jobId) };
    },
  };
}
