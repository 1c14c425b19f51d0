import { AppError } from '../../contract/errors.js';
import type { RouteDefinition, UsageMethod } from '../../contract/usage.api.js';
import { holds } from '../../auth/permissions.js';
import type { CoreServices, HandlersFor } from '../../services/core-services.js';
import type { GatewayPolicies } from '../routing/gateway-policies.js';
import { chooseTarget, requestFeatures, routeTargets } from '../routing/route-rules.js';

/** Routes, quotas, prices and usage: the administration of the gateway's policies and what they measured. */
export function createUsageHandlers(s: Pick<CoreServices, 'models' | 'onClose'>, policies: GatewayPolicies): HandlersFor<UsageMethod> {
  // Usage rows and cache entries queued by the last calls are written before the database closes.
  s.onClose(() => {
    policies.usage.flush();
    policies.cache.flush();
  });
  const route = (name: string) => {
    const found = policies.routes.get(name);
    if (!found) throw new AppError('ROUTE_NOT_FOUND', `No route "${name}"; see \`enclave routes list\``, { name });
    return found;
  };
  return {
    'routes.list': () => policies.routes.list(),
    'routes.get': ({ name }) => route(name),
    'routes.set': (definition, ctx) => {
      validateRoute(definition, policies, (ref) => s.models.get(ref));
      return policies.routes.set(definition, ctx.user);
    },
    'routes.remove': ({ name }) => ({ removed: policies.routes.remove(name) }),
    'routes.explain': ({ name, prompt, tags }) => {
      const features = requestFeatures(prompt, { tags });
      const choice = chooseTarget(route(name), features);
      return { ...choice, complexity: features.complexity, promptChars: features.promptChars, promptTokens: features.promptTokens };
    },

    'quotas.list': () => policies.quotas.list(),
    'quotas.set': (quota, ctx) => policies.quotas.set(quota, ctx.user),
    'quotas.remove': ({ subject, name }) => ({ removed: policies.quotas.remove(subject, name) }),

    'prices.list': () => policies.prices.list(),
    'prices.set': (price, ctx) => policies.prices.set(price, ctx.user),
    'prices.remove': ({ endpoint, model }) => ({ removed: policies.prices.remove(endpoint, model) }),

    'usage.summary': ({ since, by }, ctx) => {
      const from = sinceDate(since);
      // Everyone sees their own usage; usage.read (administrators, security auditors) sees everyone's.
      const onlyUser = holds(ctx, 'usage.read') ? undefined : ctx.user;
      return { since: from, by, ...policies.usage.summary(from, by, onlyUser) };
    },
    'usage.cache.clear': ({ model }) => {
      if (!model) return { removed: policies.cache.clear() };
      return { removed: policies.cache.invalidateModel(s.models.get(model).id) };
    },
  };
}

/** `7d`, `24h`, `30m` before now, or an ISO date. */
export function sinceDate(since: string, now = new Date()): string {
  const relative = /^(\d+)([mhd])$/.exec(since);
  if (!relative) {
    const at = new Date(since);
    if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', `"${since}" is not a date; give a range like 7d or an ISO date`);
    return at.toISOString();
  }
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as 'm' | 'h' | 'd'];
  return new Date(now.getTime() - Number(relative[1]) * unit).toISOString();
}

/** Every target a library model (never another route: one level, so a request's path is always explainable). */
function validateRoute(definition: RouteDefinition, policies: GatewayPolicies, modelOf: (ref: string) => unknown): void {
  for (const target of routeTargets(definition)) {
    const nested = policies.routes.get(target);
    if (nested && target.toLowerCase() !== definition.name.toLowerCase()) {
      throw new AppError('INVALID_INPUT', `Route "${definition.name}" names the route "${target}" as a target; name library models only`, { target });
    }
    modelOf(target);
  }
  if (definition.cache?.semantic) modelOf(definition.cache.semantic.embeddingModel);
  for (const [i, rule] of definition.rules.entries()) {
    if (rule.minComplexity !== undefined && rule.maxComplexity !== undefined && rule.minComplexity > rule.maxComplexity) {
      throw new AppError('INVALID_INPUT', `Rule ${i + 1} of route "${definition.name}" can never match: minComplexity is above maxComplexity`);
    }
  }
}
