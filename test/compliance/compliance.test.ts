import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BiasReport, DecisionRecord } from '../../electron/core/contract/compliance.api.js';
import type { CallContext } from '../../electron/core/contract/context.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { AskResult } from '../../electron/core/contract/rag.api.js';
import { as, coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { runCli } from '../helpers/cli.js';
import { models, tempDir } from '../helpers/fixtures.js';

// Compliance artefacts for stories260K on real SQLite: a decision record of a reviewed answer, a versioned model
// card, and a bias audit that the card then lists.
describe('decision records, model cards and bias audits', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const alice = as('alice');
  const reviewer: CallContext = { ...localContext('test', 'rita'), roles: ['reviewer'] };
  let held: AskResult;

  beforeAll(async () => {
    const docs = path.join(temp.dir, 'docs');
    mkdirSync(docs, { recursive: true });
    writeFileSync(path.join(docs, 'pump.md'), '# Pump\n\nThe coolant pump is inspected by the engineer every ninety days.\n');
    core = createInProcessCore({ dataDir, modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true, reason: 'Tiny test model' });
    await api.call('rag.collections.create', { name: 'clinical', settings: { answer: { model: 'stories', maxTokens: 16, review: 'always' } } });
    await api.job('rag.ingest', { collection: 'clinical', paths: [docs], acl: ['public'] });
    held = await api.job<AskResult>('rag.ask', { collection: 'clinical', question: 'How often is the coolant pump inspected?' }, alice);
    await api.call('review.decide', { reviewId: held.review!.id, decision: 'approve' }, reviewer);
  }, 180_000);
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a decision record gathers the question, user, model, passages, verdicts and the reviewer’s decision', async () => {
    const record = await api.call<DecisionRecord>('compliance.decisionRecord', { traceId: held.traceId }, alice);
    expect(record).toMatchObject({ kind: 'enclave.decision-record', traceId: held.traceId, user: 'alice', question: 'How often is the coolant pump inspected?', outcome: 'held' });
    expect(record.collection.name).toBe('clinical');
    expect(record.model.name).toBe('stories');
    expect(record.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.passages[0]).toMatchObject({ n: 1, source: expect.stringContaining('pump.md'), text: expect.stringContaining('ninety days') });
    expect(record.passages[0]!.score).toEqual(expect.any(Number));
    expect(record.guardVerdicts.length).toBeGreaterThan(0);
    expect(record.reviews).toEqual([expect.objectContaining({ id: held.review!.id, status: 'approved', decidedBy: 'rita' })]);
    expect(record.answer).not.toBe(held.answer);
    // The requester gets their record; the audit trail's entries are for holders of audit.read.
    expect(record.auditEntries).toBeNull();
    const full = await api.call<DecisionRecord>('compliance.decisionRecord', { traceId: held.traceId });
    expect(full.auditEntries!.map((e) => e.action)).toEqual(expect.arrayContaining(['review.held', 'review.approved']));
    // Someone else's answer is not theirs to export.
    expect((await api.failure('compliance.decisionRecord', { traceId: held.traceId }, as('carol'))).code).toBe('NOT_FOUND');
  });

  test('a model card from the registry, versioned by content, in Markdown, HTML and JSON', async () => {
    const md = await api.call<{ version: number; content: string }>('compliance.modelCard', { model: 'stories', format: 'md' });
    expect(md.version).toBe(1);
    expect(md.content).toMatch(/^# Model card: stories \(version 1\)/);
    expect(md.content).toMatch(/SHA-256: `[0-9a-f]{64}`/);
    expect(md.content).toMatch(/approved by local: Tiny test model/);
    expect(md.content).toMatch(/## Bias audits\n- none recorded/);
    const html = await api.call<{ version: number; content: string }>('compliance.modelCard', { model: 'stories', format: 'html' });
    expect(html.version).toBe(1);
    expect(html.content).toMatch(/^<!doctype html>/);
    expect(html.content).not.toMatch(/<script|https?:\/\//);
  });

  test('a bias audit: counterfactual prompts, outcome differences with p-values, stored and linked from the card', async () => {
    const report = await api.job<BiasReport>('bias.run', { model: 'stories', attributes: ['gender', 'name'], samples: 1, maxTokens: 16 });
    expect(report.attributes.map((a) => a.attribute)).toEqual(['gender', 'name']);
    expect(report.attributes[0]!.values).toEqual(['man', 'woman']);
    expect(report.attributes[0]!.generations).toBe(8);
    for (const attribute of report.attributes) {
      expect(attribute.metrics.map((m) => m.metric)).toEqual(['length', 'refusal', 'sentiment']);
      for (const m of attribute.metrics) {
        expect(m.pValue).toBeGreaterThan(0);
        expect(m.pValue).toBeLessThanOrEqual(1);
        expect(m.significant).toBe(m.pValue < 0.05);
      }
    }
    expect(await api.call<BiasReport>('bias.get', { id: report.id })).toEqual(report);
    // With a judge, each output is also graded 1–5 and the grades are compared the same way.
    const judged = await api.job<BiasReport>('bias.run', { model: 'stories', attributes: ['gender'], samples: 1, templates: 1, maxTokens: 16, judge: 'stories' });
    const judgeScore = judged.attributes[0]!.metrics.find((m) => m.metric === 'judgeScore')!;
    expect(Object.keys(judgeScore.means)).toEqual(['man', 'woman']);
    for (const mean of Object.values(judgeScore.means)) expect(mean).toBeGreaterThanOrEqual(1);
    const card = await api.call<{ version: number; content: string; card: { biasAudits: Array<{ id: string }> } }>('compliance.modelCard', { model: 'stories', format: 'json' });
    expect(card.version).toBe(2);
    expect(card.card.biasAudits.map((b) => b.id)).toEqual([judged.id, report.id]);
  }, 180_000);

  test('enclave trace record and enclave models card write their files', async () => {
    await core.close();
    const data = ['--data-dir', dataDir, '--models-dir', temp.dir];
    const out = path.join(temp.dir, 'record.json');
    const run = await runCli(['trace', 'record', held.traceId, '--out', out, ...data]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ traceId: held.traceId, user: 'alice', model: { name: 'stories' } });
    const card = path.join(temp.dir, 'card.html');
    const cardRun = await runCli(['models', 'card', 'stories', '--format', 'html', '--out', card, ...data]);
    expect(cardRun.code, cardRun.stderr).toBe(0);
    expect(readFileSync(card, 'utf8')).toContain('<h2>Bias audits</h2>');
    core = createInProcessCore({ dataDir, modelsDir: temp.dir });
  }, 120_000);
});
