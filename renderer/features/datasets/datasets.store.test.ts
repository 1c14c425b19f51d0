import { beforeEach, expect, test, vi } from 'vitest';
import { ClientError } from '../../api/client-error.js';
import type { DatasetCase, DatasetVersionPage } from './dataset-types.js';

/** A fake core: one dataset of 60 cases whose latest version the test moves. */
const core = vi.hoisted(() => ({
  latest: 1,
  labels: {} as Record<number, Record<string, unknown>>,
  calls: [] as Array<{ method: string; params: Record<string, unknown> }>,
  refuse: null as null | { code: string; message: string; details: unknown },
}));

const TOTAL = 60;
function page(version: number, offset: number, limit: number): DatasetVersionPage {
  const cases: DatasetCase[] = [];
  for (let i = offset; i < Math.min(offset + limit, TOTAL); i++) {
    const key = `c${i + 1}`;
    cases.push({ key, ordinal: i + 1, vars: { q: key }, expected: null, references: [], contexts: [], tags: [], assert: [], human: (core.labels[version]?.[key] ?? null) as DatasetCase['human'] });
  }
  return {
    dataset: { id: 'd', name: 'golden', description: '', latestVersion: core.latest, cases: TOTAL, versions: core.latest, createdAt: '' },
    version, total: TOTAL, cases,
    versions: Array.from({ length: core.latest }, (_, i) => ({ version: core.latest - i, cases: TOTAL, source: 's', note: '', createdBy: 'x', createdAt: '' })),
  };
}

vi.mock('../../api/client.js', async (actual) => {
  const real = await actual<typeof import('../../api/client.js')>();
  return { ...real, call: vi.fn(async (method: string, params: Record<string, unknown>) => {
    core.calls.push({ method, params });
    if (method === 'eval.datasets.list') return [];
    if (method === 'eval.datasets.show') {
      const [, v] = String(params.dataset).split('@');
      return page(v === undefined ? core.latest : Number(v), params.offset as number, params.limit as number);
    }
    if (method === 'eval.datasets.label') {
      if (core.refuse) throw new real.ClientError(core.refuse as ConstructorParameters<typeof real.ClientError>[0]);
      const base = Number(String(params.dataset).split('@')[1]);
      core.latest = base + 1;
      core.labels[core.latest] = { ...core.labels[base], ...Object.fromEntries((params.labels as Array<{ caseKey: string; human: unknown }>).map((l) => [l.caseKey, l.human])) };
      return { dataset: 'golden', version: core.latest, baseVersion: base, changed: (params.labels as unknown[]).length, reused: false };
    }
    throw new Error(`unexpected ${method}`);
  }) };
});

const { useDatasets } = await import('./datasets.store.js');
const store = () => useDatasets.getState();

beforeEach(async () => {
  core.latest = 1;
  core.labels = { 1: { c2: { score: 5 } } };
  core.refuse = null;
  core.calls.length = 0;
  useDatasets.setState({ selected: null, pending: {}, labeling: false, note: '', saved: null, saveError: null });
  await store().open('golden');
});

test('keys label the current case; j moves on, across a page boundary; unsaved labels stay across pages', async () => {
  store().setLabeling(true);
  store().command({ kind: 'score', value: 4 });
  store().command({ kind: 'pass', value: true });
  await store().move(1);
  store().command({ kind: 'score', value: 5 }); // c2 is stored as 5 already: not a change
  store().command({ kind: 'preference', value: 'A' }); // c2 is not pairwise: ignored
  expect(store().pending).toEqual({ c1: { score: 4, pass: true } });

  store().select(49);
  await store().move(1);
  expect([store().offset, store().cursor, store().page?.cases[0]?.key]).toEqual([50, 0, 'c51']);
  store().command({ kind: 'pass', value: false });
  await store().move(-1);
  expect([store().offset, store().cursor]).toEqual([0, 49]);
  expect(Object.keys(store().pending)).toEqual(['c1', 'c51']);
});

test('nothing is labeled outside labeling mode or on an older version', async () => {
  store().command({ kind: 'score', value: 2 });
  expect(store().pending).toEqual({});
  core.latest = 2;
  await store().open('golden', 1);
  store().setLabeling(true);
  store().command({ kind: 'score', value: 2 });
  expect(store().pending).toEqual({});
});

test('save sends the labels on the version shown with the note, then shows the new version', async () => {
  store().setLabeling(true);
  store().command({ kind: 'score', value: 3 });
  store().setNote('  round one ');
  await store().save();
  expect(core.calls.find((c) => c.method === 'eval.datasets.label')?.params).toEqual({ dataset: 'golden@1', labels: [{ caseKey: 'c1', human: { score: 3 } }], note: 'round one' });
  expect([store().saved?.version, store().page?.version, store().pending, store().note]).toEqual([2, 2, {}, '']);
  expect(store().page?.cases[0]?.human).toEqual({ score: 3 });
});

test('a stale refusal keeps the unsaved labels; opening the latest applies them there', async () => {
  store().setLabeling(true);
  store().command({ kind: 'score', value: 3 });
  core.refuse = { code: 'DATASET_VERSION_STALE', message: 'moved on', details: { reason: 'DATASET_VERSION_STALE' } };
  await store().save();
  expect(store().saveError).toBeInstanceOf(ClientError);
  expect(store().pending).toEqual({ c1: { score: 3 } });
  core.refuse = null;
  core.latest = 2;
  core.labels[2] = { c1: { score: 1 } };
  await store().reloadLatest();
  expect([store().page?.version, store().saveError, store().pending]).toEqual([2, null, { c1: { score: 3 } }]);
  await store().save();
  expect(core.calls.filter((c) => c.method === 'eval.datasets.label').at(-1)?.params.dataset).toBe('golden@2');
});
