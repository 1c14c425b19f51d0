import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LlamaHostClient, type HostSpawner } from '../../../native/llama/llama-host.client.js';
import { InProcessLlamaProvider } from '../../../native/llama/llama-in-process.provider.js';
import { openDatabase, type Db, type OpenedDatabase } from '../../../native/sqlite/open.js';
import type { CallContext } from '../contract/context.js';
import type { Method, Output, ParsedInput } from '../contract/api.js';
import type { GpuChoice } from '../contract/schemas.js';
import { auditKeyDir, fileKeyProtector, type KeyProtector } from '../audit/audit-keys.js';
import { OS_KEYCHAIN_PROTECTOR, resealKeys, sealedKeyProtector } from '../audit/sealed-key-protector.js';
import { eventAudience } from '../events/event-audience.js';
import { createGuardHandlers } from '../guard/guard.handlers.js';
import { createFilesHandlers } from '../files/files.handlers.js';
import { ImportRoots } from '../files/import-roots.js';
import { admitServerPaths } from '../files/server-path-params.js';
import { ServerPathPolicy } from '../files/server-path-policy.js';
import { PseudonymCipher } from '../guard/vault/pseudonym-cipher.js';
import { SqlitePseudonymVault } from '../guard/vault/pseudonym-vault.repo.js';
import { EventBus } from '../events/event-bus.js';
import { InferenceService } from '../inference/inference.service.js';
import type { InferenceProvider } from '../inference/provider.js';
import { JobRunner } from '../jobs/job-runner.js';
import { ModelsRepo } from '../models/models.repo.js';
import { ModelsService } from '../models/models.service.js';
import { ModelUsageRepo } from '../models/model-usage.repo.js';
import { createModelsHandlers } from '../models/models.handlers.js';
import { SettingsService } from '../settings/settings.service.js';
import { CallAuditor } from '../audit/call-auditor.js';
import { installEgressGuard } from '../../../native/net/egress-guard.js';
import { Gateway } from '../gateway/gateway.js';
import { RemoteEndpoints } from '../gateway/remote-endpoints.js';
import { createEndpointsHandlers } from '../gateway/endpoints/endpoints.handlers.js';
import { createAuditHandlers } from '../audit/audit.handlers.js';
import { AuditService } from '../audit/audit.service.js';
import { createEvalHandlers } from '../eval/eval.handlers.js';
import { createPromptsHandlers } from '../prompts/prompts.handlers.js';
import { createRagHandlers } from '../rag/rag.handlers.js';
import { createTransferHandlers } from '../transfer/transfer.handlers.js';
import { createRedteamHandlers } from '../redteam/redteam.handlers.js';
import { createBenchmarkHandlers } from '../eval/benchmark/benchmark.handlers.js';
import { createReviewHandlers } from '../review/review.handlers.js';
import { createLabelingHandlers } from '../eval/labeling/labeling.handlers.js';
import { createComplianceHandlers } from '../compliance/compliance.handlers.js';
import { createConversationsHandlers } from '../conversations/conversations.handlers.js';
import { createAuthGate } from '../auth/auth-gate.js';
import { createAuthHandlers } from '../auth/auth.handlers.js';
import { createHandlers } from '../inference/foundation.handlers.js';
import { createOpenAiHandlers } from '../openai/openai.handlers.js';
import type { CoreInfo, CoreServices } from '../services/core-services.js';
import { callerScope } from '../services/caller-scope.js';
import { GatewayPolicies } from '../gateway/routing/gateway-policies.js';
import { BreakerRegistry } from '../gateway/routing/circuit-breaker.js';
import { createUsageHandlers } from '../gateway/usage/usage.handlers.js';
import { createObservabilityHandlers } from '../observability/observability.handlers.js';
import { ObservabilityService } from '../observability/observability.service.js';
import { tracing } from '../observability/tracing/ambient.js';
import { traceInference } from '../observability/instrument/inference-tracing.js';
import { costOf, PricesRepo } from '../gateway/usage/prices.repo.js';

export type { CoreInfo };
import { appVersion } from '../services/version.js';

export interface CoreOptions {
  dataDir: string;
  modelsDir: string;
  /** How the inference host process is started; Electron passes a utilityProcess spawner. */
  spawner?: HostSpawner;
  /** Replaces the local llama.cpp host (e.g. a remote provider). */
  provider?: InferenceProvider;
  /**
   * Where llama.cpp runs: a child process of its own (default: a native crash cannot take the core down), or
   * in this process (Electron's utility process, where fuses forbid starting Node children).
   */
  inferenceHost?: 'process' | 'in-process';
  /**
   * How audit keys are sealed on disk: a 0600 key file (default; server, CLI) or, for the desktop app, with a wrapping
   * key the main process keeps sealed in the OS keychain (base64, passed in memory at start; never written).
   */
  auditKeys?: { protector: 'file' } | { protector: 'os-keychain'; wrappingKey: string };
  /** Keep background work (folder watches) running: true for the server and the desktop app. */
  background?: boolean;
  /** The headless server's printed setup token: while no account exists, it lets one visitor create the admin. */
  setupToken?: string;
  /** The gateway's circuit breakers: failures before an endpoint cools down, and for how long (default 3, 30 s). */
  circuit?: { failureThreshold: number; cooldownMs: number };
  log?: (message: string) => void;
}

export interface Core {
  readonly info: CoreInfo;
  readonly events: EventBus;
  /** Resolves the caller and authorizes the method (before input validation): the context handlers run with. */
  admit(method: Method, ctx: CallContext): CallContext;
  handle<M extends Method>(method: M, input: ParsedInput<M>, ctx: CallContext): Promise<Output<M>>;
  log(message: string): void;
  close(): Promise<void>;
}

/** Builds the whole product below the UI. Every shell creates exactly one and talks to it only through dispatch. */
export function createCore(options: CoreOptions): Core {
  installEgressGuard();
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = path.join(options.dataDir, 'enclave.db');
  const opened = openDatabase(databasePath);
  try {
    return assemble(options, opened, databasePath);
  } catch (error) {
    // A core that cannot start (e.g. a missing audit key) must not leave its database open.
    opened.db.close();
    throw error;
  }
}

function assemble(options: CoreOptions, opened: OpenedDatabase, databasePath: string): Core {
  const db: Db = opened.db;
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const events = new EventBus();
  const jobs = new JobRunner(events, (error) => log(`[core] internal error in a job: ${(error as Error)?.stack ?? String(error)}`));
  // A job's events (tokens, file paths, results) reach only the user who started it.
  events.setAudience((event) => eventAudience(event, (jobId) => jobs.ownerOf(jobId)));
  const settings = new SettingsService(db);
  const models = new ModelsService(new ModelsRepo(db), new ModelUsageRepo(db), options.modelsDir);
  const gpu = (): GpuChoice => settings.get().gpu;
  const llamaHost = options.provider || options.inferenceHost === 'in-process' ? undefined : new LlamaHostClient(gpu, options.spawner);
  const provider = options.provider ?? llamaHost ?? new InProcessLlamaProvider(gpu);
  // The one door to inference: local models to the llama.cpp host, `ENDPOINT/MODEL` to its registered endpoint.
  const remoteEndpoints = new RemoteEndpoints();
  const gateway = new Gateway(provider, remoteEndpoints);
  const inference = new InferenceService(models, settings, gateway, events);
  // Routes, quotas, cache, fallback, rate limits and metering around every model call (issue 11).
  const policies = new GatewayPolicies(db, { breakers: new BreakerRegistry(options.circuit) });
  inference.usePolicies(policies);
  // Costs by the gateway's local price table (null where no price is set: unknown, not free).
  const prices = new PricesRepo(db);
  traceInference(inference, (ref) => models.get(ref).name, (call) => {
    const price = prices.find(call.endpoint, call.model);
    return price ? costOf(price, call) : null;
  });

  const info: CoreInfo = {
    version: appVersion(),
    dataDir: options.dataDir,
    modelsDir: options.modelsDir,
    databasePath,
    sqliteVersion: opened.sqliteVersion,
    vecVersion: opened.vecVersion,
    schemaVersion: opened.migrations.current,
    platform: `${process.platform}-${process.arch}`,
    cpuCores: os.availableParallelism(),
  };

  const closeHooks: Array<() => void | Promise<void>> = [];
  // Anomalies reach every shell as events (the desktop app and the server can notify at once).
  const audit = AuditService.open({ db, dataDir: options.dataDir, protector: auditKeyProtector(options, log), onAlert: (alert) => events.emit('audit.alerted', { ...alert }) });
  const auditor = new CallAuditor(audit, log);
  // Registered endpoints (API keys unsealed with a key derived from the audit keys) and their egress admissions.
  const endpoints = remoteEndpoints.open(db, audit);
  // Traces of every model and retrieval call, written in batches off the request path.
  const observability = new ObservabilityService(db, log);
  if (options.background) observability.startSchedules();
  const services: CoreServices = {
    info, db, dataDir: options.dataDir, events, jobs, models, settings, inference, provider, log,
    audit,
    guard: { pseudonyms: { cipher: new PseudonymCipher(audit.deriveKey('guard/vault/v1')), vault: new SqlitePseudonymVault(db) } },
    background: options.background ?? false,
    onClose: (hook) => closeHooks.push(hook),
  };
  const handlers: { [M in Method]: (input: never, ctx: CallContext) => unknown } = {
    // A GPU change only takes effect in a fresh host process.
    ...createHandlers({ ...services, onGpuChanged: async () => llamaHost?.restart() }),
    ...createModelsHandlers(services),
    ...createRagHandlers(services),
    ...createAuditHandlers(services, audit),
    ...createAuthHandlers(services),
    ...createPromptsHandlers(services),
    ...createEvalHandlers(services),
    ...createGuardHandlers(services),
    ...createFilesHandlers(services),
    ...createTransferHandlers(services),
    ...createUsageHandlers(services, policies),
    ...createEndpointsHandlers(services, endpoints),
    ...createObservabilityHandlers(services, observability),
    ...createRedteamHandlers(services),
    ...createBenchmarkHandlers(services),
    ...createReviewHandlers(services),
    ...createLabelingHandlers(services),
    ...createComplianceHandlers(services),
    ...createConversationsHandlers(services),
    ...createOpenAiHandlers(services),
  };
  const gate = createAuthGate(services, { setupToken: options.setupToken });
  // A library name wins over a path reading of the same text (`ENDPOINT/MODEL` looks like a relative path).
  const isLibraryModel = (ref: string): boolean => {
    try {
      return models.get(ref) !== undefined;
    } catch {
      return false;
    }
  };
  const serverPaths = new ServerPathPolicy(new ImportRoots(db, options.dataDir), options.dataDir);

  let closed = false;
  return {
    info,
    events,
    log,
    admit: (method, ctx) => gate.admit(method, ctx),
    async handle(method, input, ctx) {
      try {
        // Paths a caller names are admitted (capability, import roots, never the data directory) before any handler runs.
        const admitted = await admitServerPaths(method, input, ctx, serverPaths, isLibraryModel);
        const value = await callerScope.run(ctx, () => tracing.run(observability.tracer, `${ctx.shell}:${method}`, () => jobs.runAs(ctx.user, () => handlers[method](admitted as never, ctx))));
        auditor.succeeded(method, input, ctx, value, (jobId) => jobs.wait(jobId));
        return value as never;
      } catch (error) {
        auditor.failed(method, input, ctx, error);
        throw error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const hook of closeHooks) await hook();
      jobs.cancelAll();
      await Promise.allSettled(jobs.list().filter((j) => j.state === 'running').map((j) => jobs.wait(j.id)));
      await provider.close();
      endpoints.close();
      // Entries queued by the last calls are written before the database closes.
      await new Promise((resolve) => setImmediate(resolve));
      audit.flush();
      observability.close();
      db.close();
    },
  };
}

/** The audit keys' protector; the desktop adopts a data directory first used headless by re-sealing its keys. */
function auditKeyProtector(options: CoreOptions, log: (line: string) => void): KeyProtector {
  if (options.auditKeys?.protector !== 'os-keychain') return fileKeyProtector;
  const protector = sealedKeyProtector(OS_KEYCHAIN_PROTECTOR, Buffer.from(options.auditKeys.wrappingKey, 'base64'));
  const resealed = resealKeys(auditKeyDir(options.dataDir), fileKeyProtector, protector);
  if (resealed.length > 0) log(`[core] audit ${resealed.join(' and ')} keys are now sealed by the OS keychain`);
  return protector;
}
