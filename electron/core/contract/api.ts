import { z } from 'zod';
import {
  GenerateInput,
  GenerationResult,
  HostStatus,
  JobInfo,
  JobStarted,
  ModelRef,
  Settings,
} from './schemas.js';
import { auditApi } from './audit.api.js';
import { authApi } from './auth.api.js';
import { evalApi } from './eval.api.js';
import { filesApi } from './files.api.js';
import { gatewayApi } from './gateway.api.js';
import { guardApi } from './guard.api.js';
import { modelsApi } from './models.api.js';
import { monitorApi } from './monitor.api.js';
import { tracesApi } from './traces.api.js';
import { openaiApi } from './openai.api.js';
import { promptsApi } from './prompts.api.js';
import { ragApi } from './rag.api.js';
import { transferApi } from './transfer.api.js';
import { usageApi } from './usage.api.js';
import { redteamApi } from './redteam.api.js';
import { benchmarkApi } from './benchmark.api.js';
import { reviewApi } from './review.api.js';
import { labelingApi } from './labeling.api.js';
import { complianceApi } from './compliance.api.js';
import { conversationsApi } from './conversations.api.js';

/**
 * The one API contract. Every shell (Electron IPC, HTTP, CLI) calls `dispatch` with one of these method names.
 * Methods whose work is long return `{ jobId }`; the job's result has the schema in `job`, progress and tokens
 * arrive as events, `jobs.wait` awaits the result and `jobs.cancel` stops it.
 */
const coreApi = {
  'app.info': {
    input: z.object({}).default({}),
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      modelsDir: z.string(),
      databasePath: z.string(),
      sqliteVersion: z.string(),
      vecVersion: z.string(),
      schemaVersion: z.number(),
      platform: z.string(),
      cpuCores: z.number(),
    }),
  },

  'inference.generate': {
    input: GenerateInput,
    output: JobStarted,
    job: GenerationResult,
  },
  'inference.embed': {
    input: z.object({ model: ModelRef, texts: z.array(z.string()).min(1).max(4096) }),
    output: z.object({ dimensions: z.number(), vectors: z.array(z.array(z.number())) }),
  },
  'inference.countTokens': {
    input: z.object({ model: ModelRef, text: z.string() }),
    output: z.object({ tokens: z.number() }),
  },
  'inference.status': {
    input: z.object({}).default({}),
    output: HostStatus,
  },
  'inference.unload': {
    input: z.object({ model: ModelRef }),
    output: z.object({ unloaded: z.boolean() }),
  },

  'settings.get': {
    input: z.object({}).default({}),
    output: Settings,
  },
  'settings.update': {
    input: Settings.partial(),
    output: Settings,
  },

  'jobs.list': {
    input: z.object({}).default({}),
    output: z.array(JobInfo),
  },
  'jobs.get': {
    input: z.object({ jobId: z.string() }),
    output: JobInfo,
  },
  'jobs.wait': {
    input: z.object({ jobId: z.string() }),
    output: z.unknown(),
  },
  'jobs.cancel': {
    input: z.object({ jobId: z.string() }),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;

/** Each area adds its methods from its own `<area>.api.ts` file. */
export const api = {
  ...coreApi,
  ...modelsApi,
  ...tracesApi,
  ...monitorApi,
  ...ragApi,
  ...auditApi,
  ...authApi,
  ...promptsApi,
  ...evalApi,
  ...guardApi,
  ...filesApi,
  ...gatewayApi,
  ...transferApi,
  ...usageApi,
  ...reviewApi,
  ...labelingApi,
  ...complianceApi,
  ...conversationsApi,
  ...openaiApi,
  ...redteamApi,
  ...benchmarkApi,
} as const;

export type CoreMethod = keyof typeof coreApi;
export type Api = typeof api;
export type Method = keyof Api;
export type Input<M extends Method> = z.input<Api[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Api[M]['input']>;
export type Output<M extends Method> = z.output<Api[M]['output']>;
export type JobMethod = { [M in Method]: Api[M] extends { job: z.ZodType } ? M : never }[Method];
export type JobResult<M extends JobMethod> = Api[M] extends { job: infer S extends z.ZodType } ? z.output<S> : never;

export const methods = Object.keys(api) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(api, name);
}
