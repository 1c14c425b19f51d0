import type { CoreMethod } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import type { CoreServices, HandlersFor } from './services.js';

const isAdmin = (ctx: CallContext): boolean => ctx.roles.includes('admin');

/** One line per foundation method: validation happened in dispatch, the work happens in the services. */
export function createHandlers(s: CoreServices & { onGpuChanged(): Promise<void> }): HandlersFor<CoreMethod> {
  const modelsChanged = (modelId: string | null): void => s.events.emit('models.changed', { modelId });
  return {
    'app.info': () => s.info,

    'models.list': ({ role }) => s.models.list(role),
    'models.get': ({ ref }) => ({ ...s.models.get(ref), metadata: s.models.metadata(ref) }),
    'models.import': (input) => ({
      jobId: s.jobs.start('models.import', async (job) => {
        const model = await s.models.import(input, job);
        modelsChanged(model.id);
        return model;
      }),
    }),
    'models.scan': () => ({
      jobId: s.jobs.start('models.scan', async (job) => {
        const result = await s.models.scan(job);
        if (result.added.length > 0) modelsChanged(null);
        return result;
      }),
    }),
    'models.update': ({ ref, ...fields }) => {
      const model = s.models.update(ref, fields);
      modelsChanged(model.id);
      return model;
    },
    'models.remove': async ({ ref }) => {
      const id = s.models.remove(ref);
      await s.provider.unload(id);
      modelsChanged(id);
      return { removed: id };
    },

    'inference.generate': (input) => ({ jobId: s.jobs.start('inference.generate', (job) => s.inference.generate(input, job)) }),
    'inference.embed': ({ model, texts }) => s.inference.embed(model, texts),
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
