import type { promptsApi } from '../contract/prompts.api.js';
import type { AreaHandlers } from '../eval/area-handlers.js';
import { passingGateRun } from '../eval/runs/gate-lookup.js';
import type { CoreServices } from '../services/core-services.js';
import { AbTestService } from './ab/ab-test.service.js';
import { AbTestsRepo } from './ab/ab-tests.repo.js';
import { defaultLabelPolicy, type LabelPolicy } from './label-policy.js';
import { PromptRegistry } from './prompt-registry.js';
import { resolvePromptFor } from './prompt-resolver.js';
import { PromptRunService } from './prompt-run.service.js';
import { PromptsRepo } from './prompts.repo.js';
import { tracePromptRun } from '../observability/instrument/run-tracing.js';

/** The registry and its A/B tests over one database; eval handlers and RAG use the same services. */
export function promptServices(s: Pick<CoreServices, 'db'>, policy: LabelPolicy = defaultLabelPolicy): { registry: PromptRegistry; ab: AbTestService } {
  const registry = new PromptRegistry(new PromptsRepo(s.db), policy, (versionId) => passingGateRun(s.db, versionId));
  return { registry, ab: new AbTestService(new AbTestsRepo(s.db), registry) };
}

/** The prompt registry's methods. `policy` is where the governance work plugs in its role check. */
export function createPromptsHandlers(s: CoreServices, policy: LabelPolicy = defaultLabelPolicy): AreaHandlers<typeof promptsApi> {
  const { registry, ab } = promptServices(s, policy);

  const resolve = (ref: string, subject: string | undefined) => resolvePromptFor(registry, ab, ref, subject);
  const runner = new PromptRunService(registry, ab, s.inference, s.events, s.audit, s.guard);

  return {
    'prompts.create': (input, ctx) => registry.create(input, ctx),
    'prompts.version': ({ prompt, message, bump, version, ...patch }, ctx) => registry.newVersion({ ...patch, prompt, message, bump, version }, ctx),
    'prompts.suggestBump': ({ prompt, ...patch }) => {
      const { latest, suggestion } = registry.draft(prompt, patch);
      return { current: latest.version, next: registry.nextVersion(latest.version, suggestion.bump), suggestion };
    },
    'prompts.list': () => registry.list(),
    'prompts.show': ({ ref }) => registry.show(ref),
    'prompts.diff': ({ prompt, from, to }) => registry.diff(prompt, from, to),
    'prompts.label': (input, ctx) => registry.setLabel(input, ctx),
    'prompts.rollback': (input, ctx) => registry.rollback(input, ctx),
    'prompts.history': ({ prompt, label }) => registry.history(prompt, label),
    'prompts.resolve': ({ ref, subject }) => resolve(ref, subject),
    'prompts.render': ({ ref, variables, subject }) => {
      const resolved = resolve(ref, subject);
      const rendered = registry.render(resolved.version, variables);
      const v = resolved.version;
      return { version: v.version, name: v.name, kind: v.kind, messages: rendered.messages, prompt: rendered.prompt, params: v.params, outputSchema: v.outputSchema, ab: resolved.ab };
    },
    'prompts.run': (input, ctx) => ({ jobId: s.jobs.start('prompts.run', (job) => tracePromptRun(input.ref, input.variables, job.jobId, () => runner.run(input, ctx, job))) }),
    'prompts.ab.create': (input, ctx) => ab.create(input, ctx),
    'prompts.ab.list': ({ prompt }) => ab.list(prompt),
    'prompts.ab.get': ({ testId }) => ab.get(testId),
    'prompts.ab.assign': ({ testId, subject }) => ab.assign(testId, subject),
    'prompts.ab.record': (input) => ab.record(input),
    'prompts.ab.promote': ({ testId }, ctx) => ab.promote(testId, ctx),
    'prompts.ab.rollback': ({ testId, reason }, ctx) => ab.rollback(testId, reason, ctx),
  };
}
