import type { ModelsMethod } from '../contract/models.api.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import { holds, narrowRolesGranting } from '../auth/permissions.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';

/** The model library and its approval workflow; every decision names its actor (history and audit trail). */
export function createModelsHandlers(s: Pick<CoreServices, 'models' | 'events' | 'jobs' | 'provider'>): HandlersFor<ModelsMethod> {
  const changed = (modelId: string | null): void => s.events.emit('models.changed', { modelId });
  const decided = <T extends { id: string }>(model: T): T => {
    changed(model.id);
    return model;
  };
  return {
    'models.list': ({ role, includeRetired }) => s.models.list(role, includeRetired),
    'models.get': ({ ref }) => ({ ...s.models.get(ref), metadata: s.models.metadata(ref) }),
    'models.import': ({ approve, reason, ...request }, ctx) => {
      // Checked before the job starts: a refused approval must not leave an imported, pending model behind.
      if (approve) assertMayApprove(ctx);
      return {
        jobId: s.jobs.start('models.import', async (job) => {
          const model = await s.models.import({ ...request, actor: ctx.user, approve: approve ? { reason: reason ?? null } : undefined }, job);
          return decided(model);
        }),
      };
    },
    'models.scan': (_input, ctx) => ({
      jobId: s.jobs.start('models.scan', async (job) => {
        const result = await s.models.scan(job, ctx.user);
        if (result.added.length > 0) changed(null);
        return result;
      }),
    }),
    'models.update': ({ ref, ...fields }) => decided(s.models.update(ref, fields)),
    'models.approve': ({ ref, reason }, ctx) => decided(s.models.approve(ref, ctx.user, reason ?? null)),
    'models.reject': async ({ ref, reason, confirm }, ctx) => {
      const model = decided(s.models.reject(ref, ctx.user, reason, confirm));
      await s.provider.unload(model.id); // a loaded copy must not keep serving
      return model;
    },
    'models.retire': async ({ ref, reason, confirm }, ctx) => {
      const model = decided(s.models.retire(ref, ctx.user, reason ?? null, confirm));
      await s.provider.unload(model.id);
      return model;
    },
    'models.reinstate': ({ ref, reason }, ctx) => decided(s.models.reinstate(ref, ctx.user, reason ?? null)),
    'models.usage': ({ ref }) => ({ dependants: s.models.dependants(ref) }),
    'models.history': ({ ref }) => s.models.history(ref),
    'models.remove': async ({ ref }, ctx) => {
      const id = s.models.remove(ref, ctx.user);
      await s.provider.unload(id);
      changed(id);
      return { removed: id };
    },
  };
}

function assertMayApprove(ctx: CallContext): void {
  if (holds(ctx, 'models.approve')) return;
  const roles = narrowRolesGranting('models.approve');
  throw new AppError('FORBIDDEN', `Approving a model needs the models.approve permission${roles.length > 0 ? ` (the role ${roles.join(' or ')})` : ''}; import it without --approve and ask an approver`, { permission: 'models.approve' });
}
