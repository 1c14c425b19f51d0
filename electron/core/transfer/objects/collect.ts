import type { Db } from '../../../../native/sqlite/open.js';
import { transferError } from '../transfer-errors.js';
import { collectDatasets } from './collect-datasets.js';
import { collectModels } from './collect-models.js';
import { collectPrompts } from './collect-prompts.js';
import { collectRuns } from './collect-runs.js';
import { datasetKey, encodeObject, modelKey, promptKey, runKey, type EncodedObject, type TransferObject } from './transfer-object.js';

/** What to export: names (prompts, datasets, models), run ids or names; `all` for everything; `keys` narrows to objects. */
export interface Selection {
  all?: boolean;
  prompts?: readonly string[];
  datasets?: readonly string[];
  runs?: readonly string[];
  models?: readonly string[];
  /** Only these object keys (sync sends exactly what the other side lacks). */
  keys?: readonly string[];
}

/** The selected objects, with what they depend on, each once, encoded and hashed. */
export function collectObjects(db: Db, selection: Selection): EncodedObject[] {
  // Sync asks for `all` narrowed to keys, batch by batch: read only the prompts, datasets, runs and models the keys
  // name, rather than everything each time. Names never hold "@" (prompts, datasets), so the key says the name; if
  // anything asked for is not found that way, the full read below decides.
  if (selection.all && selection.keys) {
    try {
      const narrowed = collectSelected(db, { ...namedBy(selection.keys), keys: selection.keys });
      if (narrowed.length === new Set(selection.keys).size) return narrowed;
    } catch {
      // A name the keys suggest does not exist here: the full read reports what is there.
    }
  }
  return collectSelected(db, selection);
}

function namedBy(keys: readonly string[]): Selection {
  const named = { prompts: new Set<string>(), datasets: new Set<string>(), runs: new Set<string>(), models: new Set<string>() };
  for (const key of keys) {
    const [, kind = '', rest = ''] = /^(prompt|dataset|run|model):(.*)$/.exec(key) ?? [];
    const name = rest.replace(/#.*$/, '').replace(/@[^@]*$/, '');
    if (kind === 'prompt') named.prompts.add(name);
    else if (kind === 'dataset') named.datasets.add(name);
    else if (kind === 'run') named.runs.add(name);
    else if (kind === 'model') named.models.add(name);
  }
  return { prompts: [...named.prompts], datasets: [...named.datasets], runs: [...named.runs], models: [...named.models] };
}

function collectSelected(db: Db, selection: Selection): EncodedObject[] {
  const all = selection.all === true;
  const pick = <T>(list: readonly T[] | undefined): readonly T[] | null | undefined => (all ? null : list && list.length > 0 ? list : undefined);
  const prompts = pick(selection.prompts);
  const datasets = pick(selection.datasets);
  const runRefs = pick(selection.runs);
  const models = pick(selection.models);
  const objects: TransferObject[] = [];
  if (prompts !== undefined) objects.push(...collectPrompts(db, prompts));
  if (datasets !== undefined) objects.push(...collectDatasets(db, datasets));
  if (runRefs !== undefined) {
    const runs = collectRuns(db, runRefs);
    objects.push(...collectPrompts(db, null, runs.promptVersions), ...collectDatasets(db, null, runs.datasetVersions), ...runs.objects);
    for (const ref of runRefs ?? []) {
      if (!runs.objects.some((o) => o.kind === 'eval-run' && ((o.data as { id: string; name: string }).id === ref || (o.data as { name: string }).name === ref))) {
        throw transferError('EVAL_RUN_NOT_FOUND', `No finished eval run "${ref}" (give a run id or name; runs still in progress are not exported)`, { run: ref });
      }
    }
  }
  if (models !== undefined) objects.push(...collectModels(db, models));
  requireFound(objects, prompts, promptKey, 'PROMPT_NOT_FOUND', 'prompt');
  requireFound(objects, datasets, datasetKey, 'DATASET_NOT_FOUND', 'dataset');
  if (models) for (const ref of models) if (!objects.some((o) => o.kind === 'model' && ((o.data as { name: string }).name.toLowerCase() === ref.toLowerCase() || o.key === modelKey(ref)))) throw transferError('MODEL_NOT_FOUND', `No model "${ref}" in the library`, { model: ref });
  const keys = selection.keys ? new Set(selection.keys) : null;
  const seen = new Set<string>();
  const encoded: EncodedObject[] = [];
  for (const object of objects) {
    if (seen.has(object.key) || (keys && !keys.has(object.key))) continue;
    seen.add(object.key);
    encoded.push(encodeObject(object));
  }
  return encoded;
}

function requireFound(objects: TransferObject[], names: readonly string[] | null | undefined, key: (name: string) => string, code: 'PROMPT_NOT_FOUND' | 'DATASET_NOT_FOUND', what: string): void {
  for (const name of names ?? []) {
    if (!objects.some((o) => o.key.toLowerCase() === key(name).toLowerCase())) throw transferError(code, `No ${what} "${name}"`, { [what]: name });
  }
}

export { runKey };
