import { gradeSingle } from '../../eval/judge/judge.js';
import { generatorFor } from '../../eval/runs/generator.js';
import type { InferenceService } from '../../inference/inference.service.js';
import type { ObservabilitySettings } from '../store/observability-settings.js';
import type { TracesStore } from '../store/traces.repo.js';
import { tracing } from '../tracing/ambient.js';
import type { TraceRecord } from '../tracing/trace-types.js';

export interface OnlineEvalConfig {
  /** Share of eligible production traces judged (0 = off). */
  rate: number;
  judgeModel: string | null;
  /** What the judge grades (one criterion, 1–5); the rubric judge's default criteria when absent. */
  criterion: string | null;
  maxTokens: number;
  /** A held-eligible answer (a RAG ask) judged below this goes to the review queue after release; null = never. */
  reviewBelow: number | null;
}

export const defaultOnlineEval: OnlineEvalConfig = { rate: 0, judgeModel: null, criterion: null, maxTokens: 400, reviewBelow: null };

/** Production answers worth judging; judge and eval traffic is never judged again. */
const ELIGIBLE = new Set(['chat', 'text_completion', 'rag.ask', 'prompts.run']);
const QUEUE_LIMIT = 200;
const KEY = 'online.eval';

/**
 * A rubric judge scores a sample of production traffic after the fact: traces are sampled when their batch is written
 * (never in the request path), judged one at a time on a queue, and the score joins the trace and its rollups, where
 * the dashboard's judge series, the alert rules and the traces list's score filter read it.
 */
export class OnlineEvaluator {
  private readonly queue: TraceRecord[] = [];
  private running = false;
  private closed = false;
  private readonly abort = new AbortController();
  private scoreListener: ((trace: TraceRecord, score: number, config: OnlineEvalConfig) => void) | undefined;
  /** Settles when the queue is empty (tests and shutdown wait for it). */
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly settings: ObservabilitySettings, private readonly store: TracesStore, private readonly inference: InferenceService,
    private readonly log: (message: string) => void, private readonly random: () => number = Math.random) {}

  config(): OnlineEvalConfig {
    return { ...defaultOnlineEval, ...this.settings.get<Partial<OnlineEvalConfig>>(KEY, {}) };
  }

  setConfig(config: OnlineEvalConfig, by: string): OnlineEvalConfig {
    this.settings.set(KEY, config, by);
    return config;
  }

  /** Called with every written batch: samples eligible traces onto the queue. */
  offer(traces: TraceRecord[]): void {
    if (this.closed) return;
    const config = this.config();
    if (config.rate <= 0 || !config.judgeModel) return;
    for (const trace of traces) {
      if (trace.status !== 'ok' || !ELIGIBLE.has(trace.operation) || trace.output === '' || this.queue.length >= QUEUE_LIMIT) continue;
      if (this.random() < config.rate) this.queue.push(trace);
    }
    // Outside the trace of whatever request flushed this batch: each judge call is an eval.judge trace of its own.
    if (this.queue.length > 0 && !this.running) this.idle = tracing.detached(() => this.drain(config));
  }

  /** Told of every score once it joined the trace (the review queue's low-judge-score policy listens). */
  onScore(listener: (trace: TraceRecord, score: number, config: OnlineEvalConfig) => void): void {
    this.scoreListener = listener;
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.abort.abort();
  }

  private async drain(config: OnlineEvalConfig): Promise<void> {
    this.running = true;
    try {
      for (let trace = this.queue.shift(); trace && !this.closed; trace = this.queue.shift()) {
        try {
          const verdict = await gradeSingle(generatorFor(this.inference, `online-eval:${trace.id}`), {
            model: config.judgeModel as string, maxTokens: config.maxTokens, reasoningChars: 120,
            ...(config.criterion ? { rubric: { criteria: [{ name: 'quality', description: config.criterion }] } } : {}),
          }, { input: trace.input, output: trace.output }, this.abort.signal);
          const row = this.store.row(trace.id);
          if (row) this.store.addScore(row, verdict.overall);
          this.scoreListener?.(trace, verdict.overall, config);
        } catch (error) {
          if (!this.closed) this.log(`[observability] online evaluation of trace ${trace.id} failed: ${(error as Error).message}`);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
