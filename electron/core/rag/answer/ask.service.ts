import { randomUUID } from 'node:crypto';
import type { CallContext } from '../../contract/context.js';
import { AppError } from '../../contract/errors.js';
import type { AskResult, Hit } from '../../contract/rag.api.js';
import type { ChatMessage } from '../../contract/schemas.js';
import type { EventBus } from '../../events/event-bus.js';
import type { InferenceService } from '../../inference/inference.service.js';
import type { JobControl } from '../../jobs/job-runner.js';
import type { CollectionsService } from '../collections/collections.service.js';
import { lexicalCoverage } from '../search/fts-query.js';
import type { SearchService } from '../search/search.service.js';
import type { AuditService } from '../../audit/audit.service.js';
import { AnswerGuard, BLOCKED_QUESTION } from './answer-guard.js';
import { ABSTENTION, checkCitations, renderContext } from './citations.js';
import type { TracesRepo } from './traces.repo.js';

export interface AskRequest {
  collection: string;
  question: string;
  model?: string | undefined;
  k?: number | undefined;
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
  ) {}

  async ask(request: AskRequest, ctx: CallContext, job: JobControl): Promise<AskResult> {
    const started = performance.now();
    const collection = this.collections.row(request.collection);
    const settings = this.collections.settings(collection.id);
    const model = request.model ?? settings.answer.model;
    if (!model) {
      throw new AppError('MODEL_NOT_FOUND', `Collection "${collection.name}" has no answer model: pass --model or set one with \`enclave collections update ${collection.name} --answer-model <model>\``);
    }
    const guard = new AnswerGuard(settings.guard);
    const question = await guard.question(request.question);
    const retrieved = question === null ? [] : await this.search.search({ collection: collection.id, query: question, k: request.k }, ctx);
    const hits = await guard.passages(retrieved);
    const retrievedAt = performance.now();
    const relevance = Math.max(0, ...hits.map((h) => lexicalCoverage(question ?? '', h.text)));
    const messages: ChatMessage[] = [
      { role: 'system', content: settings.answer.prompt },
      { role: 'user', content: `Context passages:\n\n${renderContext(hits)}\n\nQuestion: ${question ?? ''}\n\nAnswer with citations:` },
    ];

    const abstain = question === null || hits.length === 0 || relevance < settings.retrieval.minRelevance;
    let answer = question === null ? BLOCKED_QUESTION : ABSTENTION;
    let promptTokens = 0;
    let completionTokens = 0;
    if (abstain) {
      this.events.emit('inference.tokensGenerated', { jobId: job.jobId, text: answer, completionTokens: 0 });
    } else {
      const result = await this.inference.generate(
        { model, messages, maxTokens: settings.answer.maxTokens, temperature: settings.answer.temperature, topP: 0.95, topK: 40, stop: [] },
        job,
      );
      answer = await guard.answer(result.text.trim(), settings.answer.prompt);
      promptTokens = result.promptTokens;
      completionTokens = result.completionTokens;
    }
    const check = abstain ? { cited: [], unsupported: [] } : checkCitations(answer, hits);
    const citations = check.cited.map((n) => citation(n, hits[n - 1]!));
    const traceId = randomUUID();
    const ended = performance.now();
    this.traces.insert({
      id: traceId, collectionId: collection.id, user: ctx.user, query: request.question,
      retrieved: hits.map((h) => ({ chunkId: h.chunkId, score: h.score })),
      prompt: JSON.stringify(messages), output: answer, citations: { citations, unsupported: check.unsupported, abstained: abstain, relevance, guard: guard.verdicts },
      timings: { retrieveMs: round(retrievedAt - started), generateMs: round(ended - retrievedAt), totalMs: round(ended - started) },
      promptTokens, completionTokens, createdAt: new Date().toISOString(),
    });
    if (guard.blockedAnything) {
      // Blocked and dropped content is what anomaly alerts count: it gets an entry of its own.
      void this.audit.queue({ actor: ctx.user, action: 'guard.blocked', target: `collection:${collection.id}`, outcome: 'blocked', input: request.question, payload: { traceId, verdicts: guard.verdicts.filter((v) => v.outcome !== 'pass') } }).catch(() => undefined);
    }
    return { answer, abstained: abstain, citations, unsupported: check.unsupported, traceId, guard: guard.verdicts, promptTokens, completionTokens };
  }
}

function citation(n: number, hit: Hit): AskResult['citations'][number] {
  return { n, documentId: hit.documentId, source: hit.source, chunkId: hit.chunkId, text: hit.text, location: hit.location };
}

const round = (value: number): number => Math.round(value * 100) / 100;
