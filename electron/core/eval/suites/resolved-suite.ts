import type { Rubric } from '../../contract/eval.api.js';
import type { VersionContent } from '../../prompts/version-diff.js';
import type { Assertion, GenerationOptions, Thresholds } from './suite.schema.js';

/**
 * A suite with every reference pinned: registry prompts to version ids, the dataset to a version, models to what
 * they were named. It is stored with the run, so a resume after a crash runs exactly what the run started with
 * even if a label moved or a dataset got a new version meanwhile.
 */
export interface ResolvedPrompt {
  key: string;
  /** The registry ref as written (`story@staging`), null for an inline prompt. */
  ref: string | null;
  versionId: number | null;
  /** `name@1.2.0` of the pinned registry version. */
  version: string | null;
  content: VersionContent;
}

export interface ResolvedModel {
  /** Shown in results: the provider's label or its id. Empty for a RAG suite that uses the collection's model. */
  key: string;
  ref: string;
  options: GenerationOptions;
}

export interface ResolvedSuite {
  name: string;
  source: string;
  prompts: ResolvedPrompt[];
  models: ResolvedModel[];
  dataset: { id: string; name: string; version: number; versionId: number };
  defaultVars: Record<string, unknown>;
  defaultAssert: Assertion[];
  options: GenerationOptions;
  metrics: string[];
  judge: { model: string; rubric: Rubric | undefined; maxTokens: number; reasoningChars: number; pairwise: boolean } | null;
  rag: { collection: string; k: number | undefined; questionVar: string; claimJudge: { model: string; maxTokens: number } | null } | null;
  embeddingModel: string | null;
  thresholds: Thresholds | null;
  concurrency: number | null;
}

export interface WorkItem {
  caseId: number;
  promptKey: string;
  modelKey: string;
}

/** Every case × prompt × model, case-major so early results cover every prompt and model. */
export function workItems(suite: ResolvedSuite, caseIds: number[]): WorkItem[] {
  const items: WorkItem[] = [];
  for (const caseId of caseIds) for (const prompt of suite.prompts) for (const model of suite.models) items.push({ caseId, promptKey: prompt.key, modelKey: model.key });
  return items;
}

export const itemKey = (item: WorkItem): string => `${item.caseId}\u0000${item.promptKey}\u0000${item.modelKey}`;
