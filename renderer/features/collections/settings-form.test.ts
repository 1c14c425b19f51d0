import { expect, test } from 'vitest';
import type { CollectionSettings } from '../../api/contract.types.js';
import { changedSettings, formFromSettings, isEmptyPatch, newCollectionForm, patchFromForm, rebuildsIndex } from './settings-form.js';

const saved: CollectionSettings = {
  embeddingModel: 'm-embed',
  chunking: { strategy: 'structure', chunkTokens: 512, overlapTokens: 64 },
  retrieval: { k: 8, mode: 'hybrid', bm25Weight: 1, vectorWeight: 1, rrfK: 60, minRelevance: 0.3 },
  quantization: 'none',
  guard: {},
  injection: { policy: 'keep-and-flag' },
  answer: { model: 'm-chat', prompt: 'Answer from the passages.', promptRef: null, maxTokens: 384, temperature: 0.1, unsupported: 'warn', minSupported: 1, review: 'never' },
};

test('a new collection sends typed numbers, "none" as null, and leaves an empty prompt to the core', () => {
  const patch = patchFromForm({ ...newCollectionForm, chunkTokens: '128', overlapTokens: '', answerModel: 'm-chat' });
  expect(patch.embeddingModel).toBeNull();
  expect(patch.chunking).toEqual({ strategy: 'structure', chunkTokens: 128 });
  expect(patch.answer).toEqual({ model: 'm-chat', promptRef: null, maxTokens: 384, temperature: 0.1, unsupported: 'warn', minSupported: 1, review: 'never' });
});

test('an unchanged form has nothing to save', () => {
  expect(isEmptyPatch(changedSettings(saved, formFromSettings(saved)))).toBe(true);
});

test('only changed fields are sent, and chunking or model changes are flagged as rebuilding the index', () => {
  const retrievalOnly = changedSettings(saved, { ...formFromSettings(saved), k: '5', mode: 'bm25' });
  expect(retrievalOnly).toEqual({ retrieval: { k: 5, mode: 'bm25' } });
  expect(rebuildsIndex(retrievalOnly)).toBe(false);
  const noEmbedding = changedSettings(saved, { ...formFromSettings(saved), embeddingModel: '' });
  expect(noEmbedding).toEqual({ embeddingModel: null });
  expect(rebuildsIndex(noEmbedding)).toBe(true);
  expect(rebuildsIndex(changedSettings(saved, { ...formFromSettings(saved), overlapTokens: '32' }))).toBe(true);
});

test('a number that is not one goes to the core to be refused, not silently dropped', () => {
  const patch = changedSettings(saved, { ...formFromSettings(saved), chunkTokens: 'abc' });
  expect(Number.isNaN(patch.chunking?.chunkTokens)).toBe(true);
});

test('the unsupported-answer policy is a setting the form sends when it changes', () => {
  const patch = changedSettings(saved, { ...formFromSettings(saved), unsupported: 'review', minSupported: '0.8' });
  expect(patch).toEqual({ answer: { unsupported: 'review', minSupported: 0.8 } });
});
