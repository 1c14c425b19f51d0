import type { Model } from '../../api/contract.types.js';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}

/** 260K, 7.2B: how model cards write parameter counts. */
export function formatParams(count: number | null): string {
  if (count === null) return '—';
  const scales: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, suffix] of scales) {
    if (count >= scale) {
      const value = count / scale;
      return `${value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '')}${suffix}`;
    }
  }
  return String(count);
}

export function formatCount(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en-US');
}

export function orDash(value: string | null): string {
  return value === null || value === '' ? '—' : value;
}

export function shortSha(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Models a generation can use: vocabulary-only files have no weights. */
export function generativeModels(models: Model[]): Model[] {
  return models.filter((model) => !model.vocabOnly);
}

/**
 * What the Playground may run for this user: approved models in service, and pending ones for model evaluators
 * (`models.evaluate`). Rejected and retired models never run; the core refuses the same (MODEL_NOT_APPROVED).
 */
export function playableModels(models: Model[], canEvaluate: boolean): Model[] {
  return generativeModels(models).filter((model) => !model.retiredAt && (model.approval === 'approved' || (canEvaluate && model.approval === 'pending')));
}

/** What a scan of the models folder did, naming the folder: "Scanned /data/models: 1 model added, 1 skipped". */
export function scanSummary(result: { folder: string; added: readonly unknown[]; skipped: readonly unknown[] }): string {
  const added = result.added.length === 1 ? '1 model added' : `${result.added.length} models added`;
  return `Scanned ${result.folder}: ${added}, ${result.skipped.length} skipped`;
}
