import { describe, expect, test } from 'vitest';
import { lexicalCoverage, queryTerms, toFtsQuery, withoutCommonTerms } from '../../electron/core/rag/search/fts-query.js';

describe('full-text query building', () => {
  test('user text cannot inject FTS5 syntax', () => {
    expect(toFtsQuery(queryTerms('pump" OR NEAR(x y) * -col:valve'))).toBe('"pump" OR "near" OR "x" OR "y" OR "col" OR "valve"');
    expect(toFtsQuery(queryTerms('???'))).toBeNull();
  });

  test('stopwords go unless nothing else is left', () => {
    expect(queryTerms('What is the pump?')).toEqual(['pump']);
    expect(queryTerms('the of')).toEqual(['the', 'of']);
  });

  test('terms in more than 30% of chunks are dropped when a rarer one carries the query', () => {
    const df = new Map([['pump', 10], ['system', 400], ['data', 900]]);
    expect(withoutCommonTerms(['pump', 'system', 'data'], df, 1000)).toEqual(['pump']);
    // Nothing rare that occurs: the query stays whole rather than shrinking to a word that matches nothing.
    expect(withoutCommonTerms(['system', 'data'], df, 1000)).toEqual(['system', 'data']);
    expect(withoutCommonTerms(['unknown', 'data'], df, 1000)).toEqual(['unknown', 'data']);
    expect(withoutCommonTerms(['pump', 'data'], df, 999)).toEqual(['pump', 'data']); // small collection: no pruning
  });

  test('lexical coverage counts stemmed content words', () => {
    expect(lexicalCoverage('Are pumps inspected?', 'The pump is inspected every 90 days.')).toBe(1);
    expect(lexicalCoverage('How often are pumps inspected?', 'The pump is inspected every 90 days.')).toBeCloseTo(2 / 3);
    expect(lexicalCoverage('capital of Mongolia', 'The pump is inspected.')).toBe(0);
  });
});
