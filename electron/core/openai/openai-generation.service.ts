import type { OpenAiGeneration } from '../contract/openai.api.js';
import type { CallContext } from '../contract/context.js';
import type { GenerateInput, GuardVerdictInfo } from '../contract/schemas.js';
import type { AuditService } from '../audit/audit.service.js';
import type { EventBus } from '../events/event-bus.js';
import { defaultGuardConfig } from '../guard/guard-config.js';
import { GuardPipeline, type GuardDependencies } from '../guard/guard-pipeline.js';
import { GuardedStream } from '../guard/guarded-stream.js';
import { interventionOutcomes, verdictInfo } from '../guard/verdict-info.js';
import type { InferenceService } from '../inference/inference.service.js';
import type { JobControl } from '../jobs/job-runner.js';
import { tracing } from '../observability/tracing/ambient.js';

export const BLOCKED_INPUT = 'This request was not run: the input guardrails refused it (see the guard verdicts in the audit trail).';

/**
 * A `/v1` generation, guarded the way the UI's guarded paths are (registry prompt runs, RAG answers):
 * `inference.generate` itself runs no guardrails (the Playground shows the raw model to model evaluators), so the
 * OpenAI-compatible API — text from outside tools, answers leaving Enclave — goes through this service instead.
 * What the caller writes (user messages, a completion prompt) passes the input stage; system and assistant turns are
 * the caller's own framing and pass unchanged. The answer is released a sentence at a time, each release scanned.
 * Uses the default guard configuration; pseudonyms (when configured) live under the response id.
 */
export class OpenAiGenerationService {
  constructor(
    private readonly inference: InferenceService,
    private readonly events: EventBus,
    private readonly audit: Pick<AuditService, 'queue'>,
    private readonly guardDeps: GuardDependencies = {},
  ) {}

  /**
   * One trace per request (its guard and generation spans inside), tagged with the response id; the trace id is in the
   * result, so the audit entry maps `chatcmpl-…` to the trace that `traces feedback` rates.
   */
  generate(input: GenerateInput, responseId: string, ctx: CallContext, job: JobControl): Promise<OpenAiGeneration> {
    return tracing.span('openai.generate', { 'enclave.openai.response_id': responseId }, async (span) => {
      const last = [...(input.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? input.prompt ?? '';
      span.setTraceInput(last);
      const result = await this.run(input, responseId, ctx, job);
      span.setTraceOutput(result.text).set({ 'enclave.guard.blocked': result.blocked, 'enclave.guard.filtered': result.filtered });
      return { ...result, traceId: span.traceId };
    }, { operation: 'openai.generate' });
  }

  private async run(input: GenerateInput, responseId: string, ctx: CallContext, job: JobControl): Promise<OpenAiGeneration> {
    const pipeline = new GuardPipeline(defaultGuardConfig, this.guardDeps);
    const scope = { scope: responseId };
    const verdicts: GuardVerdictInfo[] = [];
    const guarded = await this.scanInput(pipeline, input, verdicts, scope);
    if (guarded === null) {
      this.recordIntervention(ctx, input.model, responseId, verdicts);
      return {
        text: BLOCKED_INPUT, promptTokens: 0, completionTokens: 0, ttftMs: 0, tokensPerSecond: 0, totalMs: 0, stopReason: 'eos',
        mode: input.messages ? 'chat' : 'completion', responseId, traceId: null, blocked: true, filtered: false, guard: verdicts,
      };
    }
    const systemPrompt = guarded.messages?.find((m) => m.role === 'system')?.content ?? '';
    let tokens = 0;
    let released = '';
    const stream = new GuardedStream(
      (text) => pipeline.scanOutput(text, { ...scope, systemPrompt }),
      (text) => {
        released += text;
        this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text, completionTokens: tokens });
      },
    );
    const result = await this.inference.generate(guarded, 'production', job, (text, completionTokens) => {
      tokens = completionTokens;
      stream.push(text);
    });
    await stream.settle();
    const output = await pipeline.scanOutput(result.text, { ...scope, systemPrompt });
    verdicts.push(...output.verdicts.map((v) => verdictInfo(v)));
    const filtered = output.verdicts.some((v) => v.outcome === 'blocked' || v.outcome === 'replaced');
    // The rest of the answer (its last, unterminated sentence) leaves only after the final scan, and only when it
    // continues what was already released; otherwise the stream ends as filtered and the result holds the safe text.
    if (!filtered && output.text.startsWith(released) && output.text.length > released.length) {
      this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text: output.text.slice(released.length), completionTokens: result.completionTokens });
    }
    const cut = !filtered && !output.text.startsWith(released);
    if (verdicts.some((v) => interventionOutcomes.has(v.outcome))) this.recordIntervention(ctx, input.model, responseId, verdicts);
    return { ...result, text: output.text, responseId, traceId: null, blocked: false, filtered: filtered || cut, guard: verdicts };
  }

  /** The request as the model may see it (redacted where configured), or null when the input stage refuses it. */
  private async scanInput(pipeline: GuardPipeline, input: GenerateInput, verdicts: GuardVerdictInfo[], scope: { scope: string }): Promise<GenerateInput | null> {
    if (input.prompt !== undefined) {
      const result = await pipeline.scanInput(input.prompt, scope);
      verdicts.push(...result.verdicts.map((v) => verdictInfo(v, ['prompt'])));
      return result.blocked ? null : { ...input, prompt: result.text };
    }
    const messages = [];
    for (const [index, message] of (input.messages ?? []).entries()) {
      if (message.role !== 'user' || message.content.trim() === '') {
        messages.push(message);
        continue;
      }
      const result = await pipeline.scanInput(message.content, scope);
      verdicts.push(...result.verdicts.map((v) => verdictInfo(v, [`message:${index}`])));
      if (result.blocked) return null;
      messages.push({ ...message, content: result.text });
    }
    return { ...input, messages };
  }

  /** Blocked and replaced content gets an entry of its own, as for prompt runs: anomaly alerts count them. */
  private recordIntervention(ctx: CallContext, model: string, responseId: string, verdicts: GuardVerdictInfo[]): void {
    void this.audit
      .queue({ actor: ctx.user, action: 'guard.blocked', target: `model:${model}`, outcome: 'blocked', payload: { responseId, verdicts: verdicts.filter((v) => v.outcome !== 'pass') } })
      .catch(() => undefined);
  }
}
