import { randomBytes } from 'node:crypto';
import { AppError } from '../contract/errors.js';
import type { OpenAiMethod } from '../contract/openai.api.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { OpenAiGenerationService } from './openai-generation.service.js';
import { OpenAiSettingsStore } from './openai-settings.js';

/** An id the client can quote back later (feedback, support): random, so it says nothing about other requests. */
const responseIdFor = (chat: boolean): string => `${chat ? 'chatcmpl' : 'cmpl'}-${randomBytes(12).toString('base64url')}`;

/**
 * The methods behind `/v1`. Every one is production use: a model evaluator's token does not reach pending models
 * through the OpenAI-compatible API (outside tools are production callers, whoever holds the token).
 */
export function createOpenAiHandlers(s: CoreServices): HandlersFor<OpenAiMethod> {
  const generation = new OpenAiGenerationService(s.inference, s.events, s.audit, s.guard);
  const settings = new OpenAiSettingsStore(s.db);
  return {
    'openai.generate': (input, ctx) => {
      const responseId = responseIdFor(input.messages !== undefined);
      // The response id is in this call's result and its job's result, so both audit entries carry it.
      const jobId = s.jobs.start('openai.generate', (job) => generation.generate(input, responseId, ctx, job));
      return { jobId, responseId };
    },
    'openai.cancel': ({ jobId }, ctx) => {
      const job = s.jobs.visibleTo(jobId, ctx.user, ctx.roles.includes('admin'));
      if (job.kind !== 'openai.generate') throw new AppError('JOB_NOT_FOUND', `No /v1 generation ${jobId}`);
      return { cancelled: s.jobs.cancel(jobId) };
    },
    'openai.embed': async ({ model, texts }) => {
      const { dimensions, vectors } = await s.inference.embed(model, texts, 'production');
      const counts = await s.inference.countTokens(model, texts);
      return { dimensions, vectors, promptTokens: counts.reduce((sum, n) => sum + n, 0) };
    },
    'openai.models': () =>
      s.models
        .list(undefined, false)
        .filter((m) => m.approval === 'approved' && !m.vocabOnly)
        .map((m) => ({ id: m.name, role: m.role, createdAt: m.createdAt })),
    'openai.settings.get': () => settings.get(),
    'openai.settings.update': (patch) => settings.update(patch),
  };
}
