import path from 'node:path';
import { holds } from '../../auth/permissions.js';
import { assertMayRun } from '../../models/approval-gate.js';
import { AppError, isAppError } from '../../contract/errors.js';
import type { ModelsService } from '../../models/models.service.js';
import type { PromptRegistry } from '../../prompts/prompt-registry.js';
import { bindVariables, checkTemplates } from '../../prompts/prompt-template.js';
import type { VersionContent } from '../../prompts/version-diff.js';
import type { CallContext } from '../../contract/context.js';
import { caseFromObject } from '../datasets/case-shape.js';
import type { DatasetsService } from '../datasets/datasets.service.js';
import { evalError } from '../eval-errors.js';
import type { RagServices } from '../rag/rag-bridge.js';
import { assertionVars, missingAssertionVars } from '../scoring/assertion-vars.js';
import type { ResolvedModel, ResolvedPrompt, ResolvedSuite } from './resolved-suite.js';
import type { SuiteFile } from './suite.schema.js';

export interface ResolveDeps {
  registry: PromptRegistry;
  datasets: DatasetsService;
  models: ModelsService;
  rag: () => RagServices;
}

/** A registry ref has an @ and no spaces (`story@staging`); any other string is an inline template, as in promptfoo. */
const looksLikeRef = (text: string): boolean => /^[^\s@{}]+@[\w.-]+$/.test(text.trim());

/** Re-throws a failure of one suite entry with where it is, keeping its code (MODEL_NOT_FOUND stays that). */
function at(source: string, where: string, error: unknown): never {
  if (!isAppError(error)) throw error;
  throw new AppError(error.code, `${source}: ${where}: ${error.message}`, error.details);
}

function resolvePrompts(suite: SuiteFile, deps: ResolveDeps, source: string): ResolvedPrompt[] {
  if (!suite.prompts) return [{ key: 'rag', ref: null, versionId: null, version: null, content: inline('completion', '', '{{question}}') }];
  const keys = new Set<string>();
  return suite.prompts.map((entry, i) => {
    const where = `prompts[${i}]`;
    let prompt: ResolvedPrompt;
    try {
      const ref = typeof entry === 'string' ? (looksLikeRef(entry) ? entry.trim() : null) : 'ref' in entry ? entry.ref : null;
      if (ref !== null) {
        const { version } = deps.registry.resolve(ref);
        prompt = { key: '', ref, versionId: version.id, version: `${version.name}@${version.version}`, content: version };
      } else if (typeof entry === 'string') prompt = { key: '', ref: null, versionId: null, version: null, content: inline('completion', '', entry) };
      else if ('raw' in entry) prompt = { key: '', ref: null, versionId: null, version: null, content: inline('completion', '', entry.raw) };
      else if ('user' in entry) prompt = { key: '', ref: null, versionId: null, version: null, content: { ...inline('chat', entry.system, entry.user), outputSchema: entry.outputSchema ?? null } };
      else throw evalError('SUITE_INVALID', 'a prompt needs ref, raw or user');
    } catch (error) {
      at(source, where, error);
    }
    const id = typeof entry === 'object' && entry.id ? entry.id : (prompt.ref ?? `prompt-${i + 1}`);
    if (keys.has(id)) throw evalError('SUITE_INVALID', `${source}: ${where}: two prompts have the id "${id}"; give each an \`id\``);
    keys.add(id);
    return { ...prompt, key: id };
  });
}

function inline(kind: 'chat' | 'completion', system: string, user: string): VersionContent {
  return { kind, system, user, variables: checkTemplates(system, user, undefined), params: {}, outputSchema: null, guard: null };
}

/**
 * A model of a suite must be able to run in an evaluation (not rejected or retired), found before the run starts.
 * A model file by path is read from the core's disk: only for callers who may name server-side paths.
 */
async function checkModel(deps: ResolveDeps, ref: string, allowPath: boolean): Promise<void> {
  const { model } = await deps.models.resolveForUse(ref, allowPath);
  assertMayRun(model, 'evaluation');
}

async function resolveModels(suite: SuiteFile, deps: ResolveDeps, source: string, allowPath: boolean): Promise<ResolvedModel[]> {
  const list = suite.providers ?? suite.models;
  const field = suite.providers ? 'providers' : 'models';
  if (!list) return [{ key: '', ref: '', options: {} }];
  const models: ResolvedModel[] = [];
  for (const [i, entry] of list.entries()) {
    const ref = typeof entry === 'string' ? entry : entry.id;
    try {
      await checkModel(deps, ref, allowPath);
    } catch (error) {
      at(source, `${field}[${i}] "${ref}"`, error);
    }
    const key = typeof entry === 'object' && entry.label ? entry.label : ref;
    if (models.some((m) => m.key === key)) throw evalError('SUITE_INVALID', `${source}: ${field}[${i}]: the model "${key}" is listed twice; give one a \`label\``);
    models.push({ key, ref, options: typeof entry === 'object' ? (entry.config ?? {}) : {} });
  }
  return models;
}

/** Pins every reference of a parsed suite and checks that each case renders with each prompt before anything runs. */
export async function resolveSuite(suite: SuiteFile, source: string, deps: ResolveDeps, ctx: CallContext): Promise<ResolvedSuite> {
  const name = suite.description ?? path.basename(source, path.extname(source));
  const prompts = resolvePrompts(suite, deps, source);
  const allowPath = holds(ctx, 'files.serverPaths');
  const models = await resolveModels(suite, deps, source, allowPath);
  for (const [field, model] of [['judge.model', suite.judge?.model], ['embeddingModel', suite.embeddingModel], ['rag.claimJudge.model', suite.rag?.claimJudge?.model]] as const) {
    if (model) await checkModel(deps, model, allowPath).catch((error: unknown) => at(source, field, error));
  }
  if (suite.rag) {
    try {
      deps.rag().collections.row(suite.rag.collection);
    } catch (error) {
      at(source, 'rag.collection', error);
    }
  }
  let dataset: ResolvedSuite['dataset'];
  if (suite.dataset) {
    const found = (() => {
      try {
        return deps.datasets.resolve(suite.dataset as string);
      } catch (error) {
        return at(source, 'dataset', error);
      }
    })();
    dataset = { id: found.dataset.id, name: found.dataset.name, version: found.version.version, versionId: found.version.id };
  } else {
    // Inline tests become a dataset version of their own, so every run records the cases it used.
    const cases = (suite.tests ?? []).map((t, i) => ({ ...caseFromObject({ ...t, id: t.id ?? String(i + 1) } as Record<string, unknown>), row: i + 1 }));
    const stored = deps.datasets.store(`suite:${name}`, { cases, errors: [] }, path.basename(source), ctx);
    const found = deps.datasets.resolve(`suite:${name}@${stored.version}`);
    dataset = { id: found.dataset.id, name: found.dataset.name, version: found.version.version, versionId: found.version.id };
  }
  const resolved: ResolvedSuite = {
    name, source: path.basename(source), prompts, models, dataset,
    defaultVars: suite.defaultTest?.vars ?? {}, defaultAssert: suite.defaultTest?.assert ?? [], options: suite.defaultTest?.options ?? {},
    metrics: suite.metrics ?? [],
    judge: suite.judge ? { model: suite.judge.model, rubric: suite.judge.rubric === undefined || suite.judge.rubric === 'default' ? undefined : { criteria: suite.judge.rubric }, maxTokens: suite.judge.maxTokens, reasoningChars: suite.judge.reasoningChars, pairwise: suite.judge.pairwise } : null,
    rag: suite.rag ? { collection: suite.rag.collection, k: suite.rag.k, questionVar: suite.rag.questionVar, claimJudge: suite.rag.claimJudge ?? null } : null,
    embeddingModel: suite.embeddingModel ?? null,
    thresholds: suite.thresholds ?? null,
    concurrency: suite.options?.concurrency ?? null,
  };
  checkRenders(resolved, deps, source);
  checkAssertionVars(resolved, deps, source);
  return resolved;
}

/** A case that cannot fill a prompt's variables is a suite error now, not a failed item an hour later. */
function checkRenders(suite: ResolvedSuite, deps: ResolveDeps, source: string): void {
  if (suite.rag) return;
  const problems: string[] = [];
  for (const c of deps.datasets.cases(suite.dataset.versionId)) {
    for (const p of suite.prompts) {
      try {
        bindVariables(p.content.variables, { ...suite.defaultVars, ...c.vars }, p.version ?? p.key);
      } catch (error) {
        problems.push(`case ${c.key} (row ${c.ordinal}): ${(error as Error).message}`);
      }
    }
  }
  if (problems.length > 0) throw evalError('SUITE_INVALID', `${source}: ${problems.length} case(s) cannot be rendered:\n${problems.slice(0, 8).join('\n')}`, { problems });
}

/** `{{name}}` in an assertion's value must name something every case provides, or every item of that case would fail. */
function checkAssertionVars(suite: ResolvedSuite, deps: ResolveDeps, source: string): void {
  const problems: string[] = [];
  for (const c of deps.datasets.cases(suite.dataset.versionId)) {
    const vars = assertionVars(suite.defaultVars, c);
    const named = [...suite.defaultAssert.map((a, i) => [`defaultTest.assert[${i}]`, a] as const), ...c.assert.map((a, i) => [`assert[${i}]`, a] as const)];
    for (const [where, a] of named) {
      const assertion = `${where} (${String(a.type)})`;
      try {
        for (const name of missingAssertionVars(a.value, vars)) {
          problems.push(`case ${c.key} (row ${c.ordinal}): ${assertion} uses {{${name}}}, which the case does not provide; it has: ${Object.keys(vars).join(', ') || 'nothing'}`);
        }
      } catch (error) {
        problems.push(`case ${c.key} (row ${c.ordinal}): ${assertion}: ${(error as Error).message}`);
      }
    }
  }
  if (problems.length > 0) throw evalError('SUITE_INVALID', `${source}: ${problems.length} assertion value(s) cannot be filled from the cases:\n${problems.slice(0, 8).join('\n')}`, { problems });
}
