// The only door from the renderer to the core's contract: types only, so no zod, Node or Electron code
// can reach the bundle. Every renderer module imports contract types from here.
export type {
  ApprovalState,
  AppErrorShape,
  ChatMessage,
  CoreEvent,
  ErrorCode,
  EventPayloads,
  GenerateInput,
  GenerationResult,
  Input,
  JobMethod,
  JobResult,
  Method,
  Model,
  ModelRole,
  Output,
  Result,
  Topic,
} from '../../electron/core/contract/index.js';
export type {
  AskResult,
  Collection,
  CollectionSettings,
  CollectionSettingsPatch,
  DocumentInfo,
  Hit,
  IngestReport,
  RetrievalMode,
  SearchFilters,
  SourceLocation,
} from '../../electron/core/contract/index.js';
export type { AuditEntry, IntegrityReport } from '../../electron/core/contract/audit.api.js';
