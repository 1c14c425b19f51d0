import type { CallContext } from '../../contract/context.js';
import type { gatewayApi } from '../../contract/gateway.api.js';
import { AppError, isAppError } from '../../contract/errors.js';
import { ModelsRepo } from '../../models/models.repo.js';
import type { CoreServices, HandlersFor } from '../../services/core-services.js';
import { discoverModels } from './endpoint-discovery.js';
import type { EndpointSettingsInput, EndpointsService } from './endpoints.service.js';

/**
 * Remote endpoints (administrators). `endpoints.add` and `endpoints.update` carry an API key, so the automatic
 * per-call audit entry (which digests the parameters) is off for them; these handlers write their own entry with
 * every setting except the key — only whether there is one.
 */
export function createEndpointsHandlers(s: Pick<CoreServices, 'db' | 'models' | 'audit' | 'events' | 'log'>, endpoints: EndpointsService): HandlersFor<keyof typeof gatewayApi> {
  const models = new ModelsRepo(s.db);
  const record = (ctx: CallContext, action: string, name: string, outcome: 'success' | 'failure' | 'denied', payload: Record<string, unknown>): void => {
    s.audit
      .queue({ actor: ctx.user || 'anonymous', action, target: `endpoint:${name}`, outcome, payload: { shell: ctx.shell, ...payload } })
      .catch((error: unknown) => s.log(`[endpoints] could not record ${action}: ${(error as Error).message}`));
  };
  /** Runs a key-carrying change and records it (success or failure) without the key. */
  const recorded = async <T>(ctx: CallContext, action: string, input: EndpointSettingsInput & { name: string }, run: () => Promise<T> | T): Promise<T> => {
    const { apiKey, caPem, ...settings } = input;
    const absent = action === 'endpoints.add' ? 'none' : 'unchanged';
    const described = { ...settings, apiKey: apiKey === undefined ? absent : apiKey === null ? 'removed' : 'set', ca: caPem === undefined ? absent : caPem === null ? 'removed' : 'set' };
    try {
      const value = await run();
      record(ctx, action, input.name, 'success', { params: described });
      return value;
    } catch (error) {
      record(ctx, action, input.name, 'failure', { params: described, error: isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL' } });
      throw error;
    }
  };
  const discover = async (name: string, actor: string) => {
    const endpoint = endpoints.find(name);
    const result = await discoverModels(endpoint, endpoints.clientFor(endpoint), models, actor);
    if (result.added.length > 0) s.events.emit('models.changed', { modelId: null });
    return result;
  };

  return {
    'endpoints.list': () => endpoints.list(),
    'endpoints.add': (input, ctx) => recorded(ctx, 'endpoints.add', input, async () => {
      const { discover: andDiscover, ...settings } = input;
      const endpoint = endpoints.add(settings, ctx.user);
      if (!andDiscover) return { endpoint, discovered: null };
      try {
        const result = await discover(endpoint.name, ctx.user);
        return { endpoint: endpoints.get(endpoint.name), discovered: result.added };
      } catch (error) {
        // The endpoint stays registered (fix the server, then discover again): the error says so.
        if (!isAppError(error)) throw error;
        throw new AppError(error.code, `Endpoint "${endpoint.name}" was added, but discovering its models failed: ${error.message}`, { ...(error.details as Record<string, unknown> | undefined), added: true });
      }
    }),
    'endpoints.update': (input, ctx) => recorded(ctx, 'endpoints.update', input, () => {
      const { name, ...settings } = input;
      return endpoints.update(name, settings);
    }),
    'endpoints.remove': ({ name }, ctx) => {
      const endpoint = endpoints.find(name);
      const entries = models.byEndpoint(endpoint.id).filter((m) => !m.removedAt);
      const uses = new Map(entries.map((m) => [m.id, s.models.dependants(m.id)]));
      // Checked for every model first: an endpoint whose models live work depends on stays, whole.
      const live = entries.filter((m) => uses.get(m.id)!.some((d) => d.kind !== 'eval-run' && d.kind !== 'prompt-version')).map((m) => m.name);
      if (live.length > 0) {
        throw new AppError('MODEL_IN_USE', `Endpoint "${name}" serves ${live.join(', ')}, which collections or protected prompt labels use; point them at another model, then remove the endpoint`, { endpoint: name, models: live });
      }
      // Models that old runs name are retired (they still resolve in results); the others leave the library.
      const removed = entries.map((model) => {
        if (uses.get(model.id)!.length > 0) s.models.retire(model.id, ctx.user, `endpoint ${name} removed`, true);
        else s.models.remove(model.id, ctx.user);
        return model.name;
      });
      endpoints.remove(name);
      if (removed.length > 0) s.events.emit('models.changed', { modelId: null });
      return { removed: endpoint.id, modelsRemoved: removed };
    },
    'endpoints.test': ({ name }) => endpoints.test(name),
    'endpoints.discover': ({ name }, ctx) => discover(name, ctx.user),
  };
}
