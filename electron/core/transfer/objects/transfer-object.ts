import { createHash } from 'node:crypto';
import { canonicalJson } from '../../audit/hash-chain.js';
import type { ObjectKind } from '../bundle-format.js';

/**
 * One content-addressed object: a logical key that is the same on every installation (`prompt:NAME@1.2.0`, never a
 * local row id) and data in a form that reads back identically after an import, so the same object hashes the same
 * on both sides (that is what makes a second import, and sync, a no-op).
 */
export interface TransferObject {
  key: string;
  kind: ObjectKind;
  data: unknown;
}

export interface EncodedObject extends TransferObject {
  bytes: Buffer;
  sha256: string;
}

export function encodeObject(object: TransferObject): EncodedObject {
  const bytes = Buffer.from(canonicalJson(object.data), 'utf8');
  return { ...object, bytes, sha256: sha256(bytes) };
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Import order: what others refer to comes first (a prompt before its versions, a dataset version before a run). */
export const kindOrder: Record<ObjectKind, number> = {
  prompt: 0, 'prompt-version': 1, 'prompt-labels': 2, dataset: 3, 'dataset-version': 4, 'eval-run': 5, 'eval-results': 6, model: 7,
};

export const promptKey = (name: string): string => `prompt:${name}`;
export const promptVersionKey = (name: string, version: string): string => `prompt:${name}@${version}`;
export const promptLabelsKey = (name: string): string => `prompt:${name}#labels`;
export const datasetKey = (name: string): string => `dataset:${name}`;
export const datasetVersionKey = (name: string, version: number): string => `dataset:${name}@${version}`;
export const runKey = (id: string): string => `run:${id}`;
export const resultsKey = (id: string, chunk: number): string => `run:${id}#results/${String(chunk).padStart(5, '0')}`;
export const modelKey = (sha: string): string => `model:${sha}`;
