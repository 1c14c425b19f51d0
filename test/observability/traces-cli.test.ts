import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { models, sharedDir, tempDir } from '../helpers/fixtures.js';

// The real `enclave` command against one data directory: a generation, then its trace listed, shown, exported as
// OTLP/JSON and summarised — each command a process of its own, so the trace was written before the first exited.
describe('enclave traces, datasets add-from-trace and monitor', () => {
  const temp = tempDir();
  const dataDir = path.join(temp.dir, 'data');
  afterAll(() => temp.cleanup());
  const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir, '--models-dir', temp.dir, '--json'], { timeoutMs: 120_000 });

  test('list, export --format otlp-json, add-from-trace, monitor summary', async () => {
    expect((await cli(['models', 'add', models.stories, '--name', 'stories', '--approve'])).code).toBe(0);
    const generated = await cli(['generate', '--model', 'stories', '--prompt', 'Once upon a time', '--max-tokens', '6']);
    expect(generated.code).toBe(0);

    const list = await cli(['traces', 'list', '--since', '1h', '--model', 'stories']);
    expect(list.code).toBe(0);
    const traces = list.json<{ traces: Array<{ id: string; operation: string; input: string; outputTokens: number }> }>().traces;
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ operation: 'text_completion', input: 'Once upon a time' });

    const out = path.join(temp.dir, 'traces.otlp.json');
    const exported = await cli(['traces', 'export', '--format', 'otlp-json', '--out', out]);
    expect(exported.json()).toMatchObject({ count: 1, path: out });
    const document = JSON.parse(readFileSync(out, 'utf8')) as { resourceSpans: Array<{ resource: unknown; scopeSpans: Array<{ spans: Array<{ traceId: string; name: string }> }> }> };
    expect(document.resourceSpans[0]!.scopeSpans[0]!.spans[0]).toMatchObject({ traceId: traces[0]!.id.replaceAll('-', ''), name: 'text_completion stories' });

    const added = await cli(['datasets', 'add-from-trace', traces[0]!.id, '--dataset', 'golden']);
    expect(added.json()).toMatchObject({ dataset: 'golden', version: 1, cases: 1 });

    // Drift between two JSONL files: SQuAD questions against the passages they were asked about.
    const squad = path.join(sharedDir, 'eval/rag/squad2');
    const jsonl = (file: string, n: number) => readFileSync(path.join(squad, file), 'utf8').split('\n').filter(Boolean).slice(0, n).map((l) => JSON.stringify({ text: (JSON.parse(l) as { text: string }).text })).join('\n');
    writeFileSync(path.join(temp.dir, 'a.jsonl'), jsonl('queries-dev.jsonl', 200));
    writeFileSync(path.join(temp.dir, 'b.jsonl'), jsonl('corpus.jsonl', 200));
    const drift = await cli(['drift', 'check', '--baseline', path.join(temp.dir, 'a.jsonl'), '--current', path.join(temp.dir, 'b.jsonl')]);
    expect(drift.json()).toMatchObject({ drifted: true, threshold: 0.1, baselineCount: 200, currentCount: 200 });

    const summary = await cli(['monitor', 'summary', '--since', '1h']);
    expect(summary.code).toBe(0);
    expect(summary.json<{ totals: { requests: number; outputTokens: number; latencyMs: { p95: number } } }>().totals).toMatchObject({ requests: 1 });
  }, 240_000);
});
