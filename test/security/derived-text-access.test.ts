import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallContext } from '../../electron/core/contract/context.js';
import type { EvalResult, EvalRun } from '../../electron/core/contract/eval.api.js';
import type { AskResult, IngestReport } from '../../electron/core/contract/rag.api.js';
import { models } from '../helpers/fixtures.js';
import { admin, signedIn, startHarness, type Harness } from '../auth/harness.js';

const SECRET = 'Project Falcon: the supplier Nordpump will be acquired for 9 million euros before the merger closes.';
const upload = (name: string, text: string) => ({ name, contentBase64: Buffer.from(text).toString('base64') });

/** Issue 10 point 1: text built from retrieved passages (eval results, traces) is as protected as the passages. */
describe('eval results and traces carry the access lists of what they were built from', () => {
  let h: Harness;
  let insider: CallContext;
  let readers: Record<string, CallContext>;
  let runId: string;
  let traceId: string;

  beforeAll(async () => {
    h = startHarness();
    await h.job('models.import', { path: models.stories, name: 'stories' }, admin);
    await h.call('models.approve', { ref: 'stories', reason: 'test model' }, admin);
    await h.call('rag.collections.create', { name: 'sec', settings: { answer: { model: 'stories', maxTokens: 8 }, retrieval: { minRelevance: 0 } } }, admin);
    insider = (await signedIn(h, 'ivan', ['analyst'], ['secret'])).ctx;
    readers = {
      viewer: (await signedIn(h, 'vera', ['viewer'])).ctx,
      labeler: (await signedIn(h, 'lena', ['labeler'])).ctx,
      analyst: (await signedIn(h, 'anna', ['analyst'], ['analysts'])).ctx,
      admin: (await signedIn(h, 'adam', ['admin'])).ctx,
    };
    // The insider uploads (no server path): the secret document is shared with group:secret only.
    const report = await h.job<IngestReport>('rag.ingest', { collection: 'sec', files: [upload('falcon.md', `# Falcon\n\n${SECRET}`)], acl: ['group:secret'] }, insider);
    expect(report.documents).toBe(1);
    const suite = `description: secret rag
rag: { collection: sec, k: 2 }
tests:
  - vars: { question: "Which supplier will be acquired before the merger?" }
`;
    const run = await h.job<EvalRun>('eval.runs.start', { suite }, insider);
    expect(run.status).toBe('succeeded');
    runId = run.id;
    traceId = (await h.job<AskResult>('rag.ask', { collection: 'sec', question: 'Which supplier will be acquired before the merger?' }, insider)).traceId;
  });
  afterAll(() => h.close());

  test('the insider reads the contexts of their run', async () => {
    const { items } = await h.call<{ items: EvalResult[] }>('eval.runs.results', { runId }, insider);
    expect(items[0]!.contexts.join(' ')).toContain('Nordpump');
    expect(items[0]!.withheld).toBeUndefined();
  });

  test.each(['viewer', 'labeler', 'analyst', 'admin'])('a %s outside the group gets the item without any of its text', async (role) => {
    const results = await h.call<{ total: number; items: EvalResult[] }>('eval.runs.results', { runId }, readers[role]!);
    expect(results.total).toBe(1);
    expect(results.items[0]).toMatchObject({ contexts: [], output: '', withheld: { withheld: true, reason: 'ACCESS' }, rendered: { withheld: true, reason: 'ACCESS' } });
    expect(JSON.stringify(results)).not.toMatch(/Nordpump|euros/);
    // Aggregates stay: the run and its summary are readable.
    expect((await h.call<EvalRun>('eval.runs.get', { runId }, readers[role]!)).doneItems).toBe(1);
  });

  test('an administrator outside the group reads the trace of an answer without its prompt or output', async () => {
    const trace = await h.call<{ prompt: string; output: string; withheld?: unknown }>('rag.traces.get', { traceId }, readers.admin!);
    expect(trace.withheld).toEqual({ withheld: true, reason: 'ACCESS' });
    expect(JSON.stringify(trace)).not.toMatch(/Nordpump|euros/);
    const own = await h.call<{ prompt: string; withheld?: unknown }>('rag.traces.get', { traceId }, insider);
    expect(own.prompt).toContain('Nordpump');
    expect(own.withheld).toBeUndefined();
  });
});
