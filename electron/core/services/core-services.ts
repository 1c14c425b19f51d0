import type { Db } from '../../../native/sqlite/open.js';
import type { Api, Method, Output, ParsedInput } from '../contract/api.js';
import type { CallContext } from '../contract/context.js';
import type { EventBus } from '../events/event-bus.js';
import type { InferenceService } from '../inference/inference.service.js';
import type { InferenceProvider } from '../inference/provider.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { ModelsService } from '../models/models.service.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { GuardDependencies } from '../guard/guard-pipeline.js';

/** What every shell learns about the running core (app.info). */
export interface CoreInfo {
  version: string;
  dataDir: string;
  modelsDir: string;
  databasePath: string;
  sqliteVersion: string;
  vecVersion: string;
  schemaVersion: number;
  platform: string;
  cpuCores: number;
}

/** What an area's handlers may use. Areas get the database, jobs, events and the other areas' services from here. */
export interface CoreServices {
  info: CoreInfo;
  db: Db;
  dataDir: string;
  events: EventBus;
  jobs: JobRunner;
  models: ModelsService;
  settings: SettingsService;
  inference: InferenceService;
  provider: InferenceProvider;
  /** The tamper-evident trail: areas append their own entries beyond the automatic per-call ones. */
  audit: AuditService;
  /** What every guard pipeline shares: the pseudonym vault (keyed from the audit keys) for reversible redaction. */
  guard: GuardDependencies;
  /** Long-running shells (server, desktop) keep background work such as folder watches; the CLI does not. */
  background: boolean;
  log(message: string): void;
  /** Work an area must finish or stop when the core closes. */
  onClose(hook: () => void | Promise<void>): void;
}

export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>> | Output<M>;

/** The handlers of some methods: each area file exports one such object, create-core merges them. */
export type HandlersFor<K extends keyof Api & Method> = { [M in K]: Handler<M> };
