import path from 'node:path';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { models } from '../helpers/fixtures.js';

export type Client = ReturnType<typeof coreClient>;

export interface Installation {
  core: CoreHandle;
  client: Client;
  dataDir: string;
}

export function installation(root: string, name: string): Installation {
  const dataDir = path.join(root, name);
  const core = createInProcessCore({ dataDir, modelsDir: root });
  return { core, client: coreClient(core), dataDir };
}

/** A prompt with two versions and a label, a dataset, and a finished eval run of stories260K over both. */
export async function seedWork(client: Client): Promise<{ runId: string }> {
  await client.call('prompts.create', { name: 'story', kind: 'completion', user: 'Once upon a time there was a {{animal}}', description: 'tales' });
  await client.call('prompts.version', { prompt: 'story', user: 'Long ago there lived a {{animal}}', message: 'older voice' });
  await client.call('prompts.label', { prompt: 'story', label: 'production', version: '1.0.0' });
  const cases = ['cat', 'dog', 'fox'].map((animal) => JSON.stringify({ id: animal, vars: { animal }, expected: `a ${animal}`, human: { score: 4 } })).join('\n');
  await client.call('eval.datasets.import', { name: 'animals', content: cases, format: 'jsonl', description: 'three animals' });
  const suite = `description: transfer\nprompts:\n  - ref: "story@1.0.0"\nproviders:\n  - id: ${models.stories}\n    label: stories\n    config: { maxTokens: 4 }\ndataset: "animals@1"\nmetrics: [bleu]\n`;
  const run = await client.job<{ id: string; status: string }>('eval.runs.start', { suite, name: 'nightly' });
  if (run.status !== 'succeeded') throw new Error(`seed run ended ${run.status}`);
  return { runId: run.id };
}

/** The objects' content as another installation would see it (no local ids, no provenance). */
export async function snapshot(client: Client, runId: string): Promise<unknown> {
  const shown = await client.call<{ prompt: { name: string; description: string; latest: string; labels: Array<{ label: string; version: string }> }; version: { user: string }; versions: unknown[] }>('prompts.show', { ref: 'story@1.0.0' });
  const dataset = await client.call<{ cases: unknown[] }>('eval.datasets.show', { dataset: 'animals@1' });
  const run = await client.call<{ name: string; status: string; summary: unknown; dataset: unknown; prompts: unknown }>('eval.runs.get', { runId });
  const results = await client.call<{ items: Array<{ output: string; caseKey: string; promptVersion: string | null; metrics: unknown }> }>('eval.runs.results', { runId });
  return {
    prompt: { name: shown.prompt.name, description: shown.prompt.description, latest: shown.prompt.latest, labels: shown.prompt.labels.map((l) => [l.label, l.version]), user: shown.version.user, versions: shown.versions },
    cases: dataset.cases,
    run: { name: run.name, status: run.status, summary: run.summary, dataset: run.dataset, prompts: run.prompts },
    results: results.items.map((i) => [i.caseKey, i.promptVersion, i.output, i.metrics]),
  };
}
