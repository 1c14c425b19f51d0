import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import type { OwaspRisk, RedteamProbe, RedteamRun, RedteamRunInfo, RedteamStartInput, StrategyName } from '../contract/redteam.api.js';
import { generatorFor } from '../eval/runs/generator.js';
import type { JobControl } from '../jobs/job-runner.js';
import type { PromptRegistry } from '../prompts/prompt-registry.js';
import type { CoreServices } from '../services/core-services.js';
import { builtinProbes } from './probes/builtin-probes.js';
import { loadProbeFile, loadSuiteFile } from './probes/probe-file.js';
import { CORPUS_VERSION, loadSharedCorpus, type CorpusSource } from './probes/shared-corpus.js';
import { runAttacks } from './redteam-runner.js';
import type { RedteamStore } from './redteam-store.js';
import { evaluateGate, summarize } from './redteam-summary.js';
import { newCanary, resolveTarget } from './redteam-target.js';
import { attackCollection } from './targets/collection-attacks.js';
import { CollectionsRepo } from '../rag/collections/collections.repo.js';

type StartInput = z.output<typeof RedteamStartInput>;

export const defaultStrategies: StrategyName[] = ['none', 'base64', 'developer-mode'];

const BUILTIN: CorpusSource = { source: 'builtin', attribution: 'Enclave built-in probes (written for this project)' };

/** The probe set of a run: built-in, the shared corpus, the suite's, files and inline probes, filtered by risk. */
export function assembleProbes(input: Pick<StartInput, 'suitePath' | 'probeFiles' | 'probes' | 'risks' | 'limit' | 'sharedCorpus'>): { probes: RedteamProbe[]; sources: CorpusSource[]; suite: ReturnType<typeof loadSuiteFile> | null } {
  const suite = input.suitePath ? loadSuiteFile(input.suitePath) : null;
  const useShared = suite?.sharedCorpus ?? input.sharedCorpus;
  const shared = useShared ? loadSharedCorpus() : { probes: [], sources: [] };
  const user = [...(suite?.probes ?? []), ...input.probeFiles.flatMap((f) => loadProbeFile(f)), ...input.probes];
  const sources: CorpusSource[] = [BUILTIN, ...shared.sources, ...[...new Set(user.map((p) => p.source))].map((source) => ({ source, attribution: 'user-supplied probes' }))];
  const risks = input.risks ?? suite?.risks;
  const seen = new Set<string>();
  let probes = [...user, ...builtinProbes, ...shared.probes].filter((p) => {
    // A user's probe with a built-in id replaces it.
    if (seen.has(p.id)) return false;
    seen.add(p.id);
    return !risks || p.owasp.some((r) => risks.includes(r));
  });
  if (input.limit !== undefined) probes = spreadByRisk(probes, input.limit);
  return { probes, sources, suite };
}

/** A limit keeps every risk represented: probes are taken round-robin over their first risk. */
function spreadByRisk(probes: RedteamProbe[], limit: number): RedteamProbe[] {
  const queues = new Map<OwaspRisk, RedteamProbe[]>();
  for (const p of probes) {
    const risk = p.owasp[0] as OwaspRisk;
    queues.set(risk, [...(queues.get(risk) ?? []), p]);
  }
  const picked: RedteamProbe[] = [];
  while (picked.length < limit && [...queues.values()].some((q) => q.length > 0)) {
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (next && picked.length < limit) picked.push(next);
    }
  }
  return picked;
}

export class RedteamService {
  constructor(private readonly s: Pick<CoreServices, 'inference' | 'log' | 'db' | 'models' | 'events' | 'audit' | 'guard'>, private readonly registry: PromptRegistry, private readonly store: RedteamStore) {}

  /** Checks everything a run needs before its job starts, so mistakes (no probes, an unknown prompt) come back at once. */
  validate(input: StartInput): void {
    const { probes } = assembleProbes(input);
    if (probes.length === 0) throw new AppError('INVALID_INPUT', 'No probes match: widen --risks or add probes');
    if (input.target.collection) {
      if (input.target.prompt) throw new AppError('INVALID_INPUT', 'Attack either a collection or a prompt, not both', { field: 'target' });
      if (!new CollectionsRepo(this.s.db).byRef(input.target.collection)) throw new AppError('COLLECTION_NOT_FOUND', `No collection "${input.target.collection}"; \`enclave collections list\` shows them`, { field: 'collection' });
      return;
    }
    resolveTarget(this.registry, input.target);
  }

  async execute(input: StartInput, job: JobControl, ctx: CallContext): Promise<RedteamRunInfo> {
    const started = Date.now();
    const { probes, sources, suite } = assembleProbes(input);
    if (probes.length === 0) throw new AppError('INVALID_INPUT', 'No probes match: widen --risks or add probes');
    const id = `rt_${randomBytes(8).toString('hex')}`;
    const strategies = input.strategies ?? suite?.strategies ?? defaultStrategies;
    const collection = input.target.collection;
    let target: { model: string; prompt: string | null; canary: string | null };
    let results;
    if (collection) {
      const canary = input.target.canary ?? newCanary();
      target = { model: input.target.model ?? 'the collection\'s answer model', prompt: null, canary };
      results = (await attackCollection(this.s, { collection, model: input.target.model, runId: id, canary }, probes, strategies, ctx, job)).results;
    } else {
      const resolved = resolveTarget(this.registry, input.target);
      target = resolved;
      results = await runAttacks({ target: resolved, probes, strategies, maxTokens: input.maxTokens, attackerModel: input.attackerModel, judgeModel: input.judgeModel }, generatorFor(this.s.inference, job.jobId), job);
    }
    const summary = summarize(results);
    const run: RedteamRun = {
      id,
      name: input.name ?? suite?.name ?? `${collection ?? target.prompt ?? target.model} red team`,
      createdAt: new Date(started).toISOString(),
      createdBy: ctx.user ?? 'unknown',
      status: job.signal.aborted ? 'cancelled' : 'completed',
      target: { model: target.model, prompt: target.prompt, canary: target.canary, ...(collection ? { collection } : {}) },
      strategies,
      risks: [...new Set(probes.flatMap((p) => p.owasp))].sort(),
      summary,
      gate: evaluateGate(summary, input.gate ?? suite?.gate),
      results,
      sources: sources.map((s) => (s.source.startsWith('shared:') ? { ...s, attribution: `${s.attribution} (${CORPUS_VERSION})` } : s)),
      durationMs: Date.now() - started,
    };
    this.store.save(run);
    const { results: _results, ...info } = run;
    return info;
  }
}
