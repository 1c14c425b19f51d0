import type { CollectionSettings, CollectionSettingsPatch, RetrievalMode } from '../../api/contract.types.js';

/** A collection's settings as typed: numbers stay text until sent, '' is "no model". */
export interface SettingsForm {
  embeddingModel: string;
  strategy: 'structure' | 'fixed';
  chunkTokens: string;
  overlapTokens: string;
  k: string;
  mode: RetrievalMode;
  bm25Weight: string;
  vectorWeight: string;
  rrfK: string;
  minRelevance: string;
  quantization: 'none' | 'int8' | 'binary';
  /** What ingestion does with a chunk that holds instructions for an AI (issue 13). */
  injectionPolicy: 'keep-and-flag' | 'quarantine' | 'refuse';
  answerModel: string;
  answerPrompt: string;
  /** A registry prompt (name, name@label or name@1.2.0); '' uses the answer prompt above. */
  answerPromptRef: string;
  maxTokens: string;
  temperature: string;
  /** What an answer whose sentences lack support becomes: warned, replaced by the abstention text, or held. */
  unsupported: 'warn' | 'abstain' | 'review';
  minSupported: string;
  /** Human review before release: every answer, unsupported or flagged ones, or none. */
  review: 'always' | 'unsupported' | 'never';
}

/** The core's defaults (rag.api.ts), for a new collection's form; the prompt is left to the core. */
export const newCollectionForm: SettingsForm = {
  embeddingModel: '',
  strategy: 'structure',
  chunkTokens: '512',
  overlapTokens: '64',
  k: '8',
  mode: 'hybrid',
  bm25Weight: '1',
  vectorWeight: '1',
  rrfK: '60',
  minRelevance: '0.3',
  quantization: 'none',
  injectionPolicy: 'keep-and-flag',
  answerModel: '',
  answerPrompt: '',
  answerPromptRef: '',
  maxTokens: '384',
  temperature: '0.1',
  unsupported: 'warn',
  minSupported: '1',
  review: 'never',
};

export function formFromSettings(settings: CollectionSettings): SettingsForm {
  return {
    embeddingModel: settings.embeddingModel ?? '',
    strategy: settings.chunking.strategy,
    chunkTokens: String(settings.chunking.chunkTokens),
    overlapTokens: String(settings.chunking.overlapTokens),
    k: String(settings.retrieval.k),
    mode: settings.retrieval.mode,
    bm25Weight: String(settings.retrieval.bm25Weight),
    vectorWeight: String(settings.retrieval.vectorWeight),
    rrfK: String(settings.retrieval.rrfK),
    minRelevance: String(settings.retrieval.minRelevance),
    quantization: settings.quantization,
    injectionPolicy: settings.injection.policy,
    answerModel: settings.answer.model ?? '',
    answerPrompt: settings.answer.prompt,
    answerPromptRef: settings.answer.promptRef ?? '',
    maxTokens: String(settings.answer.maxTokens),
    temperature: String(settings.answer.temperature),
    unsupported: settings.answer.unsupported,
    minSupported: String(settings.answer.minSupported),
    review: settings.answer.review,
  };
}

/**
 * An empty field is left out (the core's default applies); anything else goes to the core as a number, which
 * validates it (a typo comes back as INVALID_INPUT naming the field), so the UI never disagrees with the core.
 */
function numberField(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** Keys whose value is undefined are dropped, so an omitted field means "keep" (or "default"), never null. */
function defined<T extends object>(group: T): Partial<T> | undefined {
  const entries = Object.entries(group).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Partial<T>);
}

/** Every field of the form as a settings patch (for a new collection). */
export function patchFromForm(form: SettingsForm): CollectionSettingsPatch {
  const patch: CollectionSettingsPatch = {
    embeddingModel: form.embeddingModel === '' ? null : form.embeddingModel,
    quantization: form.quantization,
    injection: { policy: form.injectionPolicy },
  };
  const chunking = defined({ strategy: form.strategy, chunkTokens: numberField(form.chunkTokens), overlapTokens: numberField(form.overlapTokens) });
  const retrieval = defined({
    k: numberField(form.k),
    mode: form.mode,
    bm25Weight: numberField(form.bm25Weight),
    vectorWeight: numberField(form.vectorWeight),
    rrfK: numberField(form.rrfK),
    minRelevance: numberField(form.minRelevance),
  });
  const answer = defined({
    model: form.answerModel === '' ? null : form.answerModel,
    prompt: form.answerPrompt.trim() === '' ? undefined : form.answerPrompt,
    promptRef: form.answerPromptRef.trim() === '' ? null : form.answerPromptRef.trim(),
    maxTokens: numberField(form.maxTokens),
    temperature: numberField(form.temperature),
    unsupported: form.unsupported,
    minSupported: numberField(form.minSupported),
    review: form.review,
  });
  if (chunking) patch.chunking = chunking;
  if (retrieval) patch.retrieval = retrieval;
  if (answer) patch.answer = answer;
  return patch;
}

/** Only what differs from the saved settings: an empty patch means there is nothing to save. */
export function changedSettings(saved: CollectionSettings, form: SettingsForm): CollectionSettingsPatch {
  const before = patchFromForm(formFromSettings(saved));
  const after = patchFromForm(form);
  const patch: CollectionSettingsPatch = {};
  if (after.embeddingModel !== before.embeddingModel) patch.embeddingModel = after.embeddingModel ?? null;
  if (after.quantization !== before.quantization) patch.quantization = after.quantization;
  if (after.injection?.policy !== before.injection?.policy) patch.injection = { policy: form.injectionPolicy };
  const chunking = changedGroup(before.chunking, after.chunking);
  const retrieval = changedGroup(before.retrieval, after.retrieval);
  const answer = changedGroup(before.answer, after.answer);
  if (chunking) patch.chunking = chunking;
  if (retrieval) patch.retrieval = retrieval;
  if (answer) patch.answer = answer;
  return patch;
}

function changedGroup<T extends object>(before: T | undefined, after: T | undefined): Partial<T> | undefined {
  if (!after) return undefined;
  const changed = Object.entries(after).filter(([key, value]) => !Object.is((before as Record<string, unknown> | undefined)?.[key], value));
  return changed.length === 0 ? undefined : (Object.fromEntries(changed) as Partial<T>);
}

export function isEmptyPatch(patch: CollectionSettingsPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** Changes that rebuild the index (mirrors the core's needsReindex), to warn before saving. */
export function rebuildsIndex(patch: CollectionSettingsPatch): boolean {
  return patch.embeddingModel !== undefined || patch.quantization !== undefined || patch.chunking !== undefined;
}
