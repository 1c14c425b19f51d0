import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LlamaHostClient } from '../../../native/llama/llama-host.client.js';
import { openDatabase, translateSqliteError } from '../../../native/sqlite/open.js';
import { api, isMethod } from '../../../electron/core/contract/api.js';
import type { CallContext } from '../../../electron/core/contract/context.js';
import { AppError, isAppError, type Result } from '../../../electron/core/contract/errors.js';
import { evalApi } from '../../../electron/core/contract/eval.api.js';
import { promptsApi } from '../../../electron/core/contract/prompts.api.js';
import { AuditService } from '../../../electron/core/audit/audit.service.js';
import { createAuthGate } from '../../../electron/core/auth/auth-gate.js';
import { createAuthHandlers } from '../../../electron/core/auth/auth.handlers.js';
import { holds, requirementOf } from '../../../electron/core/auth/permissions.js';
import { resolveCaller } from '../../../electron/core/auth/resolve-caller.js';
import type { PermissionName } from '../../../electron/core/contract/auth.api.js';
import { createEvalHandlers } from '../../../electron/core/eval/eval.handlers.js';
import { EventBus } from '../../../electron/core/events/event-bus.js';
import { createInProcessCore, type CoreHandle } from '../../../electron/core/host/core-handle.js';
import type { CoreInfo } from '../../../electron/core/host/create-core.js';
import { createHandlers } from '../../../electron/core/host/handlers.js';
import type { CoreServices } from '../../../electron/core/host/services.js';
import { InferenceService } from '../../../electron/core/inference/inference.service.js';
import { JobRunner } from '../../../electron/core/jobs/job-runner.js';
import { ModelsRepo } from '../../../electron/core/models/models.repo.js';
import { ModelsService } from '../../../electron/core/models/models.service.js';
import { createPromptsHandlers } from '../../../electron/core/prompts/prompts.handlers.js';
import { createRagHandlers } from '../../../electron/core/rag/rag.handlers.js';
import { SettingsService } from '../../../electron/core/settings/settings.service.js';

/** The permissions proposed for electron/core/auth/permissions.ts (the lead merges them there). */
export const proposedPermissions: Record<string, PermissionName> = {
  'prompts.create': 'prompts.manage', 'prompts.version': 'prompts.manage', 'prompts.label': 'prompts.manage', 'prompts.rollback': 'prompts.manage',
  'prompts.suggestBump': 'prompts.read', 'prompts.list': 'prompts.read', 'prompts.show': 'prompts.read', 'prompts.diff': 'prompts.read',
  'prompts.history': 'prompts.read', 'prompts.resolve': 'prompts.read', 'prompts.render': 'prompts.read',
  'prompts.ab.create': 'prompts.manage', 'prompts.ab.promote': 'prompts.manage', 'prompts.ab.rollback': 'prompts.manage',
  'prompts.ab.list': 'prompts.read', 'prompts.ab.get': 'prompts.read', 'prompts.ab.assign': 'prompts.read', 'prompts.ab.record': 'eval.label',
  'eval.datasets.import': 'eval.run', 'eval.datasets.export': 'eval.read', 'eval.datasets.list': 'eval.read', 'eval.datasets.show': 'eval.read',
  'eval.suites.validate': 'eval.read', 'eval.runs.start': 'eval.run', 'eval.runs.resume': 'eval.run', 'eval.runs.list': 'eval.read',
  'eval.runs.get': 'eval.read', 'eval.runs.results': 'eval.read', 'eval.runs.compare': 'eval.read', 'eval.judge.grade': 'eval.run', 'eval.judge.pairwise': 'eval.run',
};

/**
 * A core that serves the prompt and eval methods. Once contract/api.ts and create-core.ts merge those areas, this is
 * the ordinary in-process core; until then it is the same assembly as create-core.ts with the two areas added and a
 * dispatch that validates against their schemas exactly as host/dispatch.ts does.
 */
export function createEvalCore(options: { dataDir: string; modelsDir?: string }): CoreHandle {
  const modelsDir = options.modelsDir ?? options.dataDir;
  if (isMethod('prompts.create') && isMethod('eval.runs.start')) return createInProcessCore({ dataDir: options.dataDir, modelsDir });
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = path.join(options.dataDir, 'enclave.db');
  const opened = openDatabase(databasePath);
  const db = opened.db;
  const log = (message: string): void => void process.stderr.write(`${message}\n`);
  const events = new EventBus();
  const jobs = new JobRunner(events, (error) => log(`[test core] job error: ${(error as Error)?.stack ?? String(error)}`));
  const settings = new SettingsService(db);
  const models = new ModelsService(new ModelsRepo(db), modelsDir);
  const provider = new LlamaHostClient(() => settings.get().gpu);
  const inference = new InferenceService(models, settings, provider, events);
  const info: CoreInfo = {
    version: 'test', dataDir: options.dataDir, modelsDir, databasePath, sqliteVersion: opened.sqliteVersion, vecVersion: opened.vecVersion,
    schemaVersion: opened.migrations.current, platform: `${process.platform}-${process.arch}`, cpuCores: os.availableParallelism(),
  };
  const closeHooks: Array<() => void | Promise<void>> = [];
  const services: CoreServices = {
    info, db, dataDir: options.dataDir, events, jobs, models, settings, inference, provider, log,
    audit: AuditService.open({ db, dataDir: options.dataDir }), guard: {}, background: false, onClose: (hook) => closeHooks.push(hook),
  };
  const handlers: Record<string, (input: never, ctx: CallContext) => unknown> = {
    ...createHandlers({ ...services, onGpuChanged: async () => provider.restart() }),
    ...createRagHandlers(services),
    ...createAuthHandlers(services),
    ...createPromptsHandlers(services),
    ...createEvalHandlers(services),
  };
  const schemas: Record<string, { input: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } } }> = { ...api, ...promptsApi, ...evalApi };
  const fail = (error: AppError): Result<never> => ({ ok: false, error: error.toShape() });
  const gate = createAuthGate(services);
  // The core's own methods go through its gate; the new ones are resolved the same way and checked against the proposal.
  const admit = (method: string, ctx: CallContext): CallContext => {
    if (requirementOf(method) !== undefined) return gate.admit(method, ctx);
    const caller = resolveCaller(gate.auth, method, ctx);
    const needed = proposedPermissions[method];
    if (!needed || !holds(caller, needed)) throw new AppError('FORBIDDEN', `${caller.user} may not call "${method}": it needs "${needed ?? '?'}"`);
    return caller;
  };
  return {
    info,
    async dispatch(method, params, ctx) {
      const spec = schemas[method];
      const handler = handlers[method];
      if (!spec || !handler) return fail(new AppError('UNKNOWN_METHOD', `No such method: ${method}`));
      let caller: CallContext;
      try {
        caller = admit(method, ctx);
      } catch (error) {
        if (isAppError(error)) return fail(error);
        throw error;
      }
      const input = spec.input.safeParse(params ?? {});
      if (!input.success) {
        const issues = (input.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }));
        return fail(new AppError('INVALID_INPUT', `Invalid parameters for ${method}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues));
      }
      try {
        return { ok: true, value: await handler(input.data as never, caller) };
      } catch (error) {
        const translated = translateSqliteError(error);
        if (isAppError(translated)) return fail(translated);
        log(`[test core] ${method} failed: ${(error as Error)?.stack ?? String(error)}`);
        return fail(new AppError('INTERNAL', 'An unexpected error occurred; it was logged. Please report it.'));
      }
    },
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      for (const hook of closeHooks) await hook();
      jobs.cancelAll();
      await Promise.allSettled(jobs.list().filter((j) => j.state === 'running').map((j) => jobs.wait(j.id)));
      await provider.close();
      db.close();
    },
  };
}
