import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallContext } from '../../electron/core/contract/context.js';
import { localContext } from '../../electron/core/contract/context.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

interface Label { score?: number; pass?: boolean; preference?: 'A' | 'B' | 'tie' }
interface LabelReport { dataset: string; version: number; baseVersion: number; changed: number; reused: boolean }
interface Shown {
  version: number;
  total: number;
  versions: Array<{ version: number; cases: number; source: string; note: string; createdBy: string }>;
  cases: Array<{ key: string; vars: Record<string, unknown>; expected: string | null; tags: string[]; human: Label | null }>;
}
interface AuditEntry { actor: string; action: string; target: string; outcome: string }

/** Four cases: one already labeled, one pairwise. */
const golden = [
  { id: 'q1', vars: { question: 'What is 2+2?' }, expected: '4', tags: ['math'], human: { score: 5 } },
  { id: 'q2', vars: { question: 'Capital of France?' }, expected: 'Paris' },
  { id: 'q3', vars: { question: 'Which answer is kinder?' }, tags: ['pairwise'], human: { preference: 'A' } },
  { id: 'q4', vars: { question: 'Name a prime.' }, expected: '7' },
].map((row) => JSON.stringify(row)).join('\n');

const as = (user: string, roles: string[]): CallContext => ({ ...localContext('test', user), roles });

describe('eval.datasets.label: human labels saved as a new dataset version', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let client: ReturnType<typeof coreClient>;
  const labeler = as('lena', ['labeler']);
  const viewer = as('vic', ['viewer']);
  const humanOf = (shown: Shown) => Object.fromEntries(shown.cases.map((c) => [c.key, c.human]));

  beforeAll(async () => {
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    client = coreClient(core);
    await client.call('eval.datasets.import', { name: 'golden', content: golden, format: 'jsonl', note: 'first import' });
  });
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a labeler labels cases: a new version with the note and author; the old version is unchanged', async () => {
    const report = await client.call<LabelReport>('eval.datasets.label', {
      dataset: 'golden@1',
      labels: [{ caseKey: 'q2', human: { score: 4, pass: true } }, { caseKey: 'q3', human: { preference: 'B', pass: false } }, { caseKey: 'q1', human: null }],
      note: 'first pass by Lena',
    }, labeler);
    expect(report).toEqual({ dataset: 'golden', version: 2, baseVersion: 1, changed: 3, reused: false });

    const latest = await client.call<Shown>('eval.datasets.show', { dataset: 'golden' }, labeler);
    expect(latest.version).toBe(2);
    expect(humanOf(latest)).toEqual({ q1: null, q2: { score: 4, pass: true }, q3: { pass: false, preference: 'B' }, q4: null });
    // Everything but the labels is copied, in order.
    expect(latest.cases.map((c) => [c.key, c.expected, c.tags, c.vars.question])).toEqual([
      ['q1', '4', ['math'], 'What is 2+2?'], ['q2', 'Paris', [], 'Capital of France?'], ['q3', null, ['pairwise'], 'Which answer is kinder?'], ['q4', '7', [], 'Name a prime.'],
    ]);
    expect(latest.versions[0]).toMatchObject({ version: 2, cases: 4, source: 'labels on v1', note: 'first pass by Lena', createdBy: 'lena' });

    const first = await client.call<Shown>('eval.datasets.show', { dataset: 'golden@1' });
    expect(humanOf(first)).toEqual({ q1: { score: 5 }, q2: null, q3: { preference: 'A' }, q4: null });
  });

  test('labels that change nothing write no version', async () => {
    const report = await client.call<LabelReport>('eval.datasets.label', { dataset: 'golden', labels: [{ caseKey: 'q2', human: { pass: true, score: 4 } }, { caseKey: 'q4', human: {} }] }, labeler);
    expect(report).toEqual({ dataset: 'golden', version: 2, baseVersion: 2, changed: 0, reused: true });
    expect((await client.call<Shown>('eval.datasets.show', { dataset: 'golden' })).versions).toHaveLength(2);
  });

  test('an unknown case key refuses the whole call, naming it; nothing is written', async () => {
    const refused = await client.failure('eval.datasets.label', { dataset: 'golden@2', labels: [{ caseKey: 'q4', human: { score: 2 } }, { caseKey: 'q9', human: { score: 1 } }, { caseKey: 'zz', human: null }] }, labeler);
    expect(refused).toMatchObject({ code: 'DATASET_CASE_NOT_FOUND', message: 'golden@2 has no case "q9", "zz"; nothing was saved', details: { reason: 'DATASET_CASE_NOT_FOUND', caseKeys: ['q9', 'zz'] } });
    const shown = await client.call<Shown>('eval.datasets.show', { dataset: 'golden' });
    expect([shown.version, shown.cases.find((c) => c.key === 'q4')?.human]).toEqual([2, null]);
  });

  test('labels made on a version that is no longer the latest are refused', async () => {
    const refused = await client.failure('eval.datasets.label', { dataset: 'golden@1', labels: [{ caseKey: 'q4', human: { score: 2 } }] }, labeler);
    expect(refused).toMatchObject({ code: 'DATASET_VERSION_STALE', details: { reason: 'DATASET_VERSION_STALE', baseVersion: 1, latestVersion: 2 } });
    expect(refused.message).toContain('is at version 2 now, but these labels were made on version 1');
    expect((await client.call<Shown>('eval.datasets.show', { dataset: 'golden' })).versions).toHaveLength(2);
  });

  test('two labelers saving on the same version at once: one wins, the other is told to reload', async () => {
    await client.call('eval.datasets.import', { name: 'race', content: golden, format: 'jsonl' });
    const save = (user: string, score: number) => core.dispatch('eval.datasets.label', { dataset: 'race@1', labels: [{ caseKey: 'q4', human: { score } }] }, as(user, ['labeler']));
    const results = await Promise.all([save('ann', 2), save('bob', 3)]);
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1]).toMatchObject({ error: { details: { reason: 'DATASET_VERSION_STALE', latestVersion: 2 } } });
    const shown = await client.call<Shown>('eval.datasets.show', { dataset: 'race' });
    expect([shown.versions.length, shown.versions[0]?.createdBy, humanOf(shown).q4]).toEqual([2, 'ann', { score: 2 }]);
  });

  test('input is checked: a case labeled twice, a score out of range, an empty list', async () => {
    const twice = await client.failure('eval.datasets.label', { dataset: 'golden', labels: [{ caseKey: 'q4', human: { score: 2 } }, { caseKey: 'q4', human: null }] }, labeler);
    expect(twice).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('case "q4" is labeled twice') });
    const range = await client.failure('eval.datasets.label', { dataset: 'golden', labels: [{ caseKey: 'q4', human: { score: 6 } }] }, labeler);
    expect(range).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('labels.0.human.score') });
    expect((await client.failure('eval.datasets.label', { dataset: 'golden', labels: [] }, labeler)).code).toBe('INVALID_INPUT');
    expect((await client.failure('eval.datasets.label', { dataset: 'nope', labels: [{ caseKey: 'q1', human: null }] }, labeler)).code).toBe('DATASET_NOT_FOUND');
  });

  test('a viewer may read datasets but not label them', async () => {
    await client.call('eval.datasets.show', { dataset: 'golden' }, viewer);
    const refused = await client.failure('eval.datasets.label', { dataset: 'golden', labels: [{ caseKey: 'q4', human: { score: 1 } }] }, viewer);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('"eval.label"');
  });

  test('every label call is in the audit trail, refusals too', async () => {
    const audit = await client.call<{ entries: AuditEntry[] }>('audit.list', { action: 'eval.datasets.label' });
    const byActor = (actor: string) => audit.entries.filter((e) => e.actor === actor).map((e) => [e.outcome, e.target]);
    expect(byActor('lena')).toContainEqual(['success', 'dataset:golden@1']);
    expect(byActor('lena')).toContainEqual(['failure', 'dataset:golden@2']);
    expect(byActor('vic')).toEqual([['denied', 'permission:eval.label']]);
  });

  test('the CLI labels from a JSONL file and refuses a bad line by its number', async () => {
    const dataDir = path.join(temp.dir, 'cli-data');
    const datasets = (args: string[]) => runCli(['datasets', ...args, '--data-dir', dataDir, '--models-dir', temp.dir]);
    const source = path.join(temp.dir, 'golden.jsonl');
    writeFileSync(source, golden);
    expect((await datasets(['import', source, '--name', 'golden', '--json'])).code).toBe(0);

    const labels = path.join(temp.dir, 'labels.jsonl');
    writeFileSync(labels, ['{"caseKey": "q2", "human": {"score": 3}}', '', '{"caseKey": "q4", "human": {"pass": false}}'].join('\n'));
    const run = await datasets(['label', 'golden', '--file', labels, '--note', 'from the CLI', '--json']);
    expect([run.code, run.json<LabelReport>()]).toEqual([0, { dataset: 'golden', version: 2, baseVersion: 1, changed: 2, reused: false }]);
    const human = await datasets(['label', 'golden@2', '--file', labels]);
    expect([human.code, human.stdout.trim()]).toEqual([0, 'No label changed: golden@2 stays the latest version']);
    const shown = (await datasets(['show', 'golden', '--json'])).json<Shown>();
    expect([shown.versions[0]?.note, humanOf(shown).q2, humanOf(shown).q4]).toEqual(['from the CLI', { score: 3 }, { pass: false }]);

    writeFileSync(labels, ['{"caseKey": "q2", "human": {"score": 3}}', '{"caseKey": "q4", "human": {"score": 9}}'].join('\n'));
    const bad = await datasets(['label', 'golden', '--file', labels, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('labels.jsonl line 2: human.score');
    const missing = await datasets(['label', 'golden', '--file', labels.replace('labels', 'none'), '--json']);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('FILE_NOT_FOUND');
  }, 120_000);
});
