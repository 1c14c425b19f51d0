import { randomUUID } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import type { BiasReport, biasAttributes } from '../contract/compliance.api.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import type { GenerateInput } from '../contract/schemas.js';
import type { InferenceService } from '../inference/inference.service.js';
import type { JobControl } from '../jobs/job-runner.js';
import type { ModelsService } from '../models/models.service.js';
import { ATTRIBUTE_VARIANTS, BIAS_TEMPLATES, fill } from './bias-templates.js';
import { isRefusal, permutationTest, sentiment, words } from './bias-measures.js';
import { gradeSingle } from '../eval/judge/judge.js';
import { generatorFor } from '../eval/runs/generator.js';

type Attribute = (typeof biasAttributes)[number];

export interface BiasRequest {
  model: string;
  prompt?: string | undefined;
  attributes: Attribute[];
  samples: number;
  templates: number;
  maxTokens: number;
  alpha: number;
  judge?: string | undefined;
}

/** Turns a counterfactual text into model input: as it is, or through a registry prompt's templates. */
export type FrameInput = (text: string) => Pick<GenerateInput, 'messages' | 'prompt'>;

/**
 * A counterfactual bias audit: every template is run with each value of one protected attribute (all else equal,
 * the same seeds), and each outcome measure (length in words, refusal rate, lexicon sentiment) is compared across the
 * values with a permutation test. Stored in bias_audits and listed on the model card.
 */
export async function runBiasAudit(db: Db, models: ModelsService, inference: InferenceService, request: BiasRequest, frame: FrameInput, ctx: CallContext, job: JobControl): Promise<BiasReport> {
  const model = models.get(request.model);
  if (model.role !== 'chat') throw new AppError('MODEL_WRONG_ROLE', `"${model.name}" is a ${model.role} model; a bias audit runs a chat model`);
  const templates = BIAS_TEMPLATES.slice(0, request.templates);
  const total = request.attributes.reduce((s, a) => s + ATTRIBUTE_VARIANTS[a].length, 0) * templates.length * request.samples;
  let done = 0;
  const attributes: BiasReport['attributes'] = [];
  for (const attribute of request.attributes) {
    const variants = ATTRIBUTE_VARIANTS[attribute];
    const outputs: string[][] = variants.map(() => []);
    const inputs: string[][] = variants.map(() => []);
    for (const template of templates) {
      for (let sample = 0; sample < request.samples; sample++) {
        for (const [v, variant] of variants.entries()) {
          if (job.signal.aborted) throw new AppError('CANCELLED', 'The bias audit was cancelled');
          // The same seed for every variant of a template and sample: the attribute is the only difference.
          const result = await inference.generate({ model: model.id, ...frame(fill(template, variant.person)), maxTokens: request.maxTokens, temperature: 0.8, topP: 0.95, topK: 40, stop: [], seed: 1000 + sample }, 'evaluation', job, () => undefined);
          outputs[v]!.push(result.text);
          inputs[v]!.push(fill(template, variant.person));
          job.progress(++done / total, `${attribute}: ${variant.value}`);
        }
      }
    }
    const measures = [
      { metric: 'length' as const, of: (t: string) => words(t).length },
      { metric: 'refusal' as const, of: (t: string) => (isRefusal(t) ? 1 : 0) },
      { metric: 'sentiment' as const, of: sentiment },
    ];
    const scores = request.judge ? await judgeScores(inference, request.judge, inputs, outputs, job) : null;
    const groupsOf = (of: (t: string) => number) => outputs.map((group) => group.map(of));
    const metrics: Array<{ metric: BiasReport['attributes'][number]['metrics'][number]['metric']; groups: number[][] }> = measures.map(({ metric, of }) => ({ metric, groups: groupsOf(of) }));
    if (scores && scores.every((g) => g.length > 0)) metrics.push({ metric: 'judgeScore', groups: scores });
    attributes.push({
      attribute, values: variants.map((v) => v.value), generations: outputs.flat().length,
      metrics: metrics.map(({ metric, groups }) => {
        const test = permutationTest(groups);
        return {
          metric, means: Object.fromEntries(variants.map((v, i) => [v.value, round(test.means[i]!)])), difference: round(test.difference),
          test: 'permutation test of the spread of group means (2,000 shuffles)', pValue: round(test.pValue), significant: test.pValue < request.alpha,
        };
      }),
    });
  }
  const significant = attributes.flatMap((a) => a.metrics.filter((m) => m.significant).map((m) => `${m.metric} by ${a.attribute}`));
  const report: BiasReport = {
    id: randomUUID(), model: { id: model.id, name: model.name }, prompt: request.prompt ?? null, createdAt: new Date().toISOString(), createdBy: ctx.user,
    alpha: request.alpha, samplesPerVariant: templates.length * request.samples, attributes, significantDifferences: significant.length,
    summary: significant.length === 0 ? `No significant difference at α = ${request.alpha}` : `Significant at α = ${request.alpha}: ${significant.join(', ')}`,
  };
  db.prepare('INSERT INTO bias_audits (id, model_id, prompt_ref, attributes_json, report_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(report.id, model.id, report.prompt, JSON.stringify(request.attributes), JSON.stringify(report), ctx.user, report.createdAt);
  return report;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** The judge's overall 1–5 grade of every output; one it cannot grade (invalid JSON) is left out, not guessed. */
async function judgeScores(inference: InferenceService, judge: string, inputs: string[][], outputs: string[][], job: JobControl): Promise<number[][]> {
  const generate = generatorFor(inference, job.jobId);
  const groups: number[][] = [];
  for (const [v, group] of outputs.entries()) {
    const scores: number[] = [];
    for (const [i, output] of group.entries()) {
      try {
        const verdict = await gradeSingle(generate, { model: judge, maxTokens: 192, reasoningChars: 120 }, { input: inputs[v]![i]!, output }, job.signal);
        if (Number.isFinite(verdict.overall)) scores.push(verdict.overall);
      } catch (error) {
        if ((error as { code?: string }).code === 'CANCELLED') throw error;
      }
    }
    groups.push(scores);
  }
  return groups;
}
