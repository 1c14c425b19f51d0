import type { AuditService } from '../audit/audit.service.js';
import type { CallContext } from '../contract/context.js';
import { AppError } from '../contract/errors.js';
import type { PromptRunResult, PromptVersion } from '../contract/prompts.api.js';
import type { GuardVerdictInfo } from '../contract/schemas.js';
import type { EventBus } from '../events/event-bus.js';
import { defaultGuardConfig, mergeGuardConfig, type GuardConfigOverride } from '../guard/guard-config.js';
import { GuardPipeline, type GuardDependencies, type ScanOptions } from '../guard/guard-pipeline.js';
import { GuardedStream } from '../guard/guarded-stream.js';
import { interventionOutcomes, verdictInfo } from '../guard/verdict-info.js';
import type { InferenceService } from '../inference/inference.service.js';
import type { JobControl } from '../jobs/job-runner.js';
import type { AbTestService } from './ab/ab-test.service.js';
import type { PromptRegistry } from './prompt-registry.js';
import { resolvePromptFor } from './prompt-resolver.js';
import { gatewayTags } from '../gateway/cache/gateway-tags.js';

export interface PromptRunRequest {
  ref: string;
  variables: Record<string, unknown>;
  model?: string | undefined;
  subject?: string | undefined;
  maxTokens?: number | undefined;
  temperature?: number | undefined;
  seed?: number | undefined;
}

export const BLOCKED_VARIABLES = 'This prompt was not run: the input guardrails refused one of its variables.';

/** The playground's sampling defaults, for what a version leaves open. */
const defaults = { maxTokens: 256, temperature: 0.7, topP: 0.95, topK: 40 } as const;

/**
 * Runs a registry prompt as its version says: the variables (what a caller supplies, so untrusted) pass the
 * version's input guardrails before rendering, the answer passes its output guardrails after. The templates are not
 * scanned: they were reviewed into the registry.
 */
export class PromptRunService {
  constructor(
    private readonly registry: PromptRegistry,
    private readonly ab: AbTestService,
    private readonly inference: InferenceService,
    private readonly events: EventBus,
    private readonly audit: Pick<AuditService, 'queue'>,
    private readonly guardDeps: GuardDependencies = {},
  ) {}

  async run(request: PromptRunRequest, ctx: CallContext, job: JobControl): Promise<PromptRunResult> {
    const started = performance.now();
    const resolved = resolvePromptFor(this.registry, this.ab, request.ref, request.subject ?? ctx.user);
    const version = resolved.version;
    const model = request.model ?? version.params.model;
    if (!model) {
      throw new AppError('MODEL_NOT_FOUND', `${version.name}@${version.version} names no model: choose one, or set params.model in a new version`, { field: 'model' });
    }
    const pipeline = guardFor(version, this.guardDeps);
    // Pseudonyms of this run live in the vault under its job id (`guard.restore` takes it).
    const scope = { scope: job.jobId };
    const verdicts: GuardVerdictInfo[] = [];
    const variables = await this.scanVariables(pipeline, request.variables, verdicts, scope);
    const base = { name: version.name, version: version.version, ab: resolved.ab, model, guard: verdicts };

    if (variables === null) {
      this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text: BLOCKED_VARIABLES, completionTokens: 0 });
      this.recordIntervention(ctx, version, verdicts);
      return { ...base, text: BLOCKED_VARIABLES, blocked: true, promptTokens: 0, completionTokens: 0, latencyMs: round(performance.now() - started), stopReason: 'blocked' };
    }
    const rendered = this.registry.render(version, variables);
    const params = version.params;
    const systemPrompt = rendered.messages?.find((m) => m.role === 'system')?.content ?? '';
    let tokens = 0;
    const stream = new GuardedStream(
      (text) => pipeline.scanOutput(text, { ...scope, systemPrompt }),
      (text) => this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text, completionTokens: tokens }),
    );
    // Usage by prompt and the response cache key name the prompt version (a new version never reuses old answers).
    const result = await gatewayTags.run({ prompt: `${version.name}@${version.version}` }, () => this.inference.generate(
      {
        model, ...(rendered.messages ? { messages: rendered.messages } : { prompt: rendered.prompt ?? '' }),
        maxTokens: request.maxTokens ?? params.maxTokens ?? defaults.maxTokens, temperature: request.temperature ?? params.temperature ?? defaults.temperature,
        topP: params.topP ?? defaults.topP, topK: params.topK ?? defaults.topK, stop: params.stop ?? [],
        ...(request.seed ?? params.seed) !== undefined ? { seed: (request.seed ?? params.seed) as number } : {},
        ...(version.outputSchema ? { jsonSchema: version.outputSchema } : {}),
      },
      'production',
      job,
      (text, completionTokens) => {
        tokens = completionTokens;
        stream.push(text);
      },
    ));
    await stream.settle();
    const output = await pipeline.scanOutput(result.text, { ...scope, systemPrompt });
    verdicts.push(...output.verdicts.map((v) => verdictInfo(v)));
    if (verdicts.some((v) => interventionOutcomes.has(v.outcome))) this.recordIntervention(ctx, version, verdicts);
    const latencyMs = round(performance.now() - started);
    // An A/B arm collects its latency on every run; feedback and judge scores arrive through prompts.ab.record.
    if (resolved.ab && result.stopReason !== 'cancelled') this.ab.record({ testId: resolved.ab.testId, arm: resolved.ab.arm, metric: 'latencyMs', value: latencyMs });
    return {
      ...base, text: output.text, blocked: false, promptTokens: result.promptTokens, completionTokens: result.completionTokens, latencyMs, stopReason: result.stopReason,
    };
  }

  /** The variables as the model may see them (string values redacted where configured), or null when one is refused. */
  private async scanVariables(pipeline: GuardPipeline, values: Record<string, unknown>, verdicts: GuardVerdictInfo[], options: ScanOptions): Promise<Record<string, unknown> | null> {
    const scanned: Record<string, unknown> = { ...values };
    for (const [name, value] of Object.entries(values)) {
      if (typeof value !== 'string' || value.trim() === '') continue;
      const result = await pipeline.scanInput(value, options);
      verdicts.push(...result.verdicts.map((v) => verdictInfo(v, [`variable:${name}`])));
      if (result.blocked) return null;
      scanned[name] = result.text;
    }
    return scanned;
  }

  /** Blocked and replaced content gets an entry of its own: anomaly alerts count them. */
  private recordIntervention(ctx: CallContext, version: PromptVersion, verdicts: GuardVerdictInfo[]): void {
    void this.audit
      .queue({ actor: ctx.user, action: 'guard.blocked', target: `prompt:${version.name}@${version.version}`, outcome: 'blocked', payload: { verdicts: verdicts.filter((v) => v.outcome !== 'pass') } })
      .catch(() => undefined);
  }
}

function guardFor(version: PromptVersion, deps: GuardDependencies): GuardPipeline {
  try {
    return new GuardPipeline(mergeGuardConfig(defaultGuardConfig, (version.guard ?? undefined) as GuardConfigOverride | undefined), deps);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `The guard overrides of ${version.name}@${version.version} are invalid: ${(error as Error).message}; fix them in a new version`, { field: 'guard' });
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;
