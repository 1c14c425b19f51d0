import { randomUUID } from 'node:crypto';
import type { CallContext } from '../../contract/context.js';
import { AppError } from '../../contract/errors.js';
import type { AskResult, Hit } from '../../contract/rag.api.js';
import type { ChatMessage } from '../../contract/schemas.js';
import type { EventBus } from '../../events/event-bus.js';
import type { InferenceService } from '../../inference/inference.service.js';
import type { ModelUse } from '../../models/approval-gate.js';
import type { JobControl } from '../../jobs/job-runner.js';
import type { CollectionsService } from '../collections/collections.service.js';
import { lexicalCoverage } from '../search/fts-query.js';
import type { SearchService } from '../search/search.service.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { GuardDependencies } from '../../guard/guard-pipeline.js';
import { AnswerGuard, BLOCKED_QUESTION } from './answer-guard.js';
import { ABSTENTION, checkCitations, renderContext } from './citations.js';
import type { TracesRepo } from './traces.repo.js';
import type { ResolvedPrompt } from '../../prompts/prompt-resolver.js';
import { checkAnswerPrompt, renderAnswerPrompt, type AnswerPrompts } from './answer-prompt.js';
import { fitPassages, type FittedContext } from './context-fit.js';
import { gatewayTags } from '../../gateway/cache/gateway-tags.js';
import { reviewReasons, UNSUPPORTED_REASON } from '../../review/review-policy.js';
import type { ReviewService } from '../../review/review.service.js';

/** What answering needs of the review queue (issue 14): a prompt's policy, and holding an answer for a person. */
export type AnswerReview = Pick<ReviewService, 'promptPolicy' | 'hold'>;

export interface AskRequest {
  collection: string;
  question: string;
  model?: string | undefined;
  k?: number | undefined;
  /** A registry prompt ref; overrides the collection's `answer.promptRef`. */
  prompt?: string | undefined;
  /** Production unless an eval run asks (it may evaluate a pending answer model): the approval gate decides. */
  use?: ModelUse;
}

/** Retrieval, a prompt that keeps instructions, context and question apart, a streamed answer, checked citations. */
export class AskService {
  constructor(
    private readonly collections: CollectionsService,
    private readonly search: SearchService,
    private readonly inference: InferenceService,
    private readonly traces: TracesRepo,
    private readonly events: EventBus,
    private readonly audit: Pick<AuditService, 'queue'>,
    private readonly prompts?: AnswerPrompts,
    private readonly guardDeps: GuardDependencies = {},
    private readonly review?: AnswerReview,
  ) {}

  async ask(request: AskRequest, ctx: CallContext, job: JobControl): Promise<AskResult> {
    const started = performance.now();
    const collection = this.collections.row(request.collection);
    const settings = this.collections.settings(collection.id);
    const registryPrompt = this.registryPrompt(request.prompt ?? settings.answer.promptRef ?? undefined, ctx);
    const params = registryPrompt?.version.params ?? {};
    const model = request.model ?? params.model ?? settings.answer.model;
    if (!model) {
      throw new AppError('MODEL_NOT_FOUND', `Collection "${collection.name}" has no answer model: pass --model or set one with \`enclave collections update ${collection.name} --answer-model <model>\``);
    }
    // The prompt's guard overrides apply after the collection's: the prompt is the more specific of the two.
    const traceId = randomUUID();
    const guard = new AnswerGuard(settings.guard, registryPrompt?.version.guard ?? undefined, this.guardDeps, traceId);
    const question = await guard.question(request.question);
    const retrieved = question === null ? [] : await this.search.search({ collection: collection.id, query: question, k: request.k }, ctx);
    const guarded = await guard.passages(retrieved);
    const retrievedAt = performance.now();
    const relevance = Math.max(0, ...guarded.map((h) => lexicalCoverage(question ?? '', h.text)));
    const abstain = question === null || guarded.length === 0 || relevance < settings.retrieval.minRelevance;
    const frameFor = (passages: Hit[]) => this.frame(registryPrompt, settings.answer.prompt, renderContext(passages), question ?? '');
    const maxTokens = params.maxTokens ?? settings.answer.maxTokens;
    // The best passages that fit the answer model's context with room for the answer (an ask never overflows).
    const fitted = abstain
      ? { hits: guarded, retrieved: guarded.length, used: 0, dropped: 0, shortened: false, promptTokens: 0, budgetTokens: 0, answerTokens: maxTokens }
      : await fitPassages(guarded, (passages) => framedText(frameFor(passages)), (texts) => this.inference.countTokens(model, texts), {
          window: await this.inference.contextWindow(model), answerTokens: maxTokens,
        });
    const hits = fitted.hits;
    const framed = frameFor(hits);
    const policy = settings.answer.unsupported;

    let answer = question === null ? BLOCKED_QUESTION : ABSTENTION;
    let promptTokens = 0;
    let completionTokens = 0;
    const emit = (text: string, tokens: number) => this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text, completionTokens: tokens });
    if (abstain) {
      emit(answer, 0);
    } else {
      let tokens = 0;
      // Under an abstain or review policy nothing is released before the support check has decided.
      const stream = guard.stream(framed.system, (text) => (policy === 'warn' ? emit(text, tokens) : undefined));
      // The gateway's cache keys this answer by the caller's access set and the collection's state (never across an ACL).
      const tags = {
        collection: collection.id, collectionVersion: `${collection.settings_version}:${collection.active_index_id ?? ''}`,
        accessSet: [`user:${ctx.user}`, ...ctx.groups.map((g) => `group:${g}`)],
        ...(registryPrompt ? { prompt: `${registryPrompt.version.name}@${registryPrompt.version.version}` } : {}),
      };
      const result = await gatewayTags.run(tags, () => this.inference.generate(
        {
          model, ...(framed.messages ? { messages: framed.messages } : { prompt: framed.prompt ?? '' }),
          maxTokens: fitted.answerTokens, temperature: params.temperature ?? settings.answer.temperature,
          topP: params.topP ?? 0.95, topK: params.topK ?? 40, stop: params.stop ?? [], ...(params.seed !== undefined ? { seed: params.seed } : {}),
        },
        request.use ?? 'production',
        job,
        (text, completionTokens) => {
          tokens = completionTokens;
          stream.push(text);
        },
      ));
      await stream.settle();
      answer = await guard.answer(result.text.trim(), framed.system);
      promptTokens = result.promptTokens;
      completionTokens = result.completionTokens;
    }
    const check = abstain ? { cited: [], unsupported: [], sentences: 0 } : checkCitations(answer, hits);
    const support = { sentences: check.sentences, supported: check.sentences - check.unsupported.length };
    const generated = answer;
    const supportOutcome = abstain ? 'abstained' : applySupportPolicy(support, settings.answer);
    // The review policies (collection, prompt, guard flags) may hold an answer the support policy would release.
    const reasons = this.review ? reviewReasons({
      collectionPolicy: settings.answer.review, promptPolicy: this.review.promptPolicy(registryPrompt?.version.name), unsupportedPolicy: policy,
      unsupported: !abstain && supportOutcome !== 'answered', abstained: abstain, verdicts: guard.verdicts,
    }) : [];
    const outcome = reasons.length > 0 ? 'held' : supportOutcome;
    if (outcome === 'replaced') answer = ABSTENTION;
    if (outcome === 'held') answer = reasons.every((r) => r === UNSUPPORTED_REASON) ? HELD_FOR_REVIEW : HELD_BY_POLICY;
    if (!abstain && policy !== 'warn') emit(answer, completionTokens);
    const citations = outcome === 'replaced' || outcome === 'held' ? [] : check.cited.map((n) => citation(n, hits[n - 1]!));
    const ended = performance.now();
    this.traces.insert({
      id: traceId, collectionId: collection.id, user: ctx.user, query: request.question,
      retrieved: hits.map((h) => ({ chunkId: h.chunkId, score: h.score })),
      // The trace's output is what the requester got (they may read their trace); a held or replaced answer is kept
      // apart, where only a future review step reads it.
      prompt: JSON.stringify(framed.messages ?? framed.prompt), output: answer,
      citations: {
        citations, unsupported: check.unsupported, abstained: abstain, relevance, guard: guard.verdicts, support, outcome, context: contextReport(fitted),
        // What a decision record names (issue 14): the answer model and the registry prompt version that framed it.
        // The passages the generated answer cited, kept even when the answer is held (its reviewer needs them).
        cited: check.cited,
        model, promptVersion: registryPrompt ? `${registryPrompt.version.name}@${registryPrompt.version.version}` : null,
        ...(generated !== answer ? { withheldOutput: generated } : {}),
      },
      timings: { retrieveMs: round(retrievedAt - started), generateMs: round(ended - retrievedAt), totalMs: round(ended - started) },
      promptTokens, completionTokens, createdAt: new Date().toISOString(),
    });
    const review = outcome === 'held' && this.review
      ? { id: this.review.hold({ traceId, collectionId: collection.id, requester: ctx.user, question: request.question, heldOutput: generated, reasons }), reasons }
      : null;
    if (guard.blockedAnything) {
      // Blocked and dropped content is what anomaly alerts count: it gets an entry of its own.
      void this.audit.queue({ actor: ctx.user, action: 'guard.blocked', target: `collection:${collection.id}`, outcome: 'blocked', input: request.question, payload: { traceId, verdicts: guard.verdicts.filter((v) => v.outcome !== 'pass') } }).catch(() => undefined);
    }
    if (registryPrompt?.ab && !abstain) this.prompts?.recordLatency(registryPrompt.ab, round(ended - started));
    const prompt = registryPrompt ? { name: registryPrompt.version.name, version: registryPrompt.version.version, ab: registryPrompt.ab } : null;
    return {
      // A held answer's sentences are the reviewer's to read: the requester gets none of them, not even the unsupported ones.
      answer, abstained: abstain || outcome === 'replaced', citations, unsupported: outcome === 'held' ? [] : check.unsupported, traceId, guard: guard.verdicts, prompt, promptTokens, completionTokens,
      support, outcome, context: contextReport(fitted), review,
    };
  }

  /** The registry prompt for this answer (resolved for the caller, so an A/B test keeps each user on one arm). */
  private registryPrompt(ref: string | undefined, ctx: CallContext): ResolvedPrompt | null {
    if (!ref) return null;
    if (!this.prompts) throw new AppError('INTERNAL', 'Answer prompts from the registry are not available in this core');
    const resolved = this.prompts.resolve(ref, ctx.user);
    checkAnswerPrompt(resolved.version);
    return resolved;
  }

  /** Instructions, passages and question kept apart: the collection's system prompt, or the registry prompt's templates. */
  private frame(registryPrompt: ResolvedPrompt | null, systemPrompt: string, context: string, question: string): { messages?: ChatMessage[]; prompt?: string; system: string } {
    if (registryPrompt && this.prompts) return renderAnswerPrompt(this.prompts, registryPrompt.version, context, question);
    return {
      messages: [
        { role: 'system', content: systemPrompt },
        { role: 'user', content: `Context passages:\n\n${context}\n\nQuestion: ${question}\n\nAnswer with citations:` },
      ],
      system: systemPrompt,
    };
  }
}

/** What the requester receives while an answer awaits a reviewer. */
export const HELD_FOR_REVIEW = 'This answer is held for review: too few of its sentences are supported by the documents it cites.';

/** What the requester receives while a review policy holds the answer for a person. */
export const HELD_BY_POLICY = 'This answer is held for review: a reviewer must release it before you can read it.';

/** The collection's policy for answers whose sentences the cited passages do not support well enough. */
function applySupportPolicy(support: { sentences: number; supported: number }, policy: { unsupported: 'warn' | 'abstain' | 'review'; minSupported: number }): AskResult['outcome'] {
  const share = support.sentences === 0 ? 0 : support.supported / support.sentences;
  if (share >= policy.minSupported && support.sentences > 0) return 'answered';
  const outcomes = { warn: 'warned', abstain: 'replaced', review: 'held' } as const;
  return outcomes[policy.unsupported];
}

function contextReport(fitted: FittedContext): AskResult['context'] {
  const { retrieved, used, dropped, shortened, promptTokens, budgetTokens } = fitted;
  return { retrieved, used, dropped, shortened, promptTokens, budgetTokens };
}

/** The text whose tokens a framed prompt spends (the chat template's own markers are in the fitter's margin). */
function framedText(framed: { messages?: ChatMessage[]; prompt?: string }): string {
  return framed.messages ? framed.messages.map((m) => m.content).join('\n') : framed.prompt ?? '';
}

function citation(n: number, hit: Hit): AskResult['citations'][number] {
  return { n, documentId: hit.documentId, source: hit.source, chunkId: hit.chunkId, text: hit.text, location: hit.location };
}

const round = (value: number): number => Math.round(value * 100) / 100;
