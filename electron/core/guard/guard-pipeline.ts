import { AppError } from '../contract/errors.js';
import { defaultGuardConfig, type GuardConfig, type InjectionStageConfig, type PiiStageConfig, type SecretsStageConfig } from './guard-config.js';
import { InjectionScanner, type InjectionClassifier, type InjectionSource } from './injection/injection.scanner.js';
import { DocumentScanner } from './injection/document-scanner.js';
import { applyOutputPolicy } from './output-policy.js';
import { PiiAnalyzer, resolveOverlaps } from './pii/pii-analyzer.js';
import { pseudonymize, redact, type Redaction, type RedactionMode } from './redactor.js';
import { createSecretsRecognizer } from './secrets.recognizer.js';
import type { Finding, Recognizer } from './types.js';
import type { PseudonymCipher } from './vault/pseudonym-cipher.js';
import type { PseudonymVault } from './vault/pseudonym-vault.js';
import { traceGuard } from '../observability/instrument/guard-tracing.js';

const documentScanner = new DocumentScanner();

export type GuardStage = 'input' | 'context' | 'output';
export type GuardOutcome = 'pass' | 'flagged' | 'redacted' | 'blocked' | 'dropped' | 'replaced';

/** One scanner's decision about one text, as recorded (audit, UI). Holds no raw sensitive values. */
export interface GuardVerdict {
  stage: GuardStage;
  scanner: 'pii' | 'secrets' | 'injection' | 'output-policy';
  outcome: GuardOutcome;
  /** The strongest finding's score, or the injection score; 0 when nothing was found. */
  score: number;
  findings: Array<{ type: string; start: number; end: number; score: number }>;
  /** Signature ids, policy rule ids: why. */
  reasons: string[];
  durationMs: number;
  /** For context verdicts: which chunk. */
  chunk?: number;
}

export interface GuardResult {
  /** The text to use downstream: redacted, or the safe response; unchanged when blocked input. */
  text: string;
  blocked: boolean;
  verdicts: GuardVerdict[];
}

export interface ContextResult {
  /** Chunks that survived, in order, possibly redacted, with their original index. */
  chunks: Array<{ index: number; text: string }>;
  verdicts: GuardVerdict[];
}

export interface GuardDependencies {
  analyzer?: PiiAnalyzer;
  secrets?: Recognizer;
  classifier?: InjectionClassifier;
  /** Needed only for `pseudonym` mode. */
  pseudonyms?: { cipher: PseudonymCipher; vault: PseudonymVault };
}

export interface ScanOptions {
  /** Pseudonym scope (conversation id); required for `pseudonym` mode. */
  scope?: string;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
const summary = (findings: readonly Finding[]): GuardVerdict['findings'] => findings.map((f) => ({ type: f.type, start: f.start, end: f.end, score: f.score }));

/**
 * The configurable scanner chain every model call passes through: user input (injection, secrets,
 * personal data), retrieved chunks (indirect injection, optionally secrets and personal data) and the
 * model's answer (output policy, secrets, personal data). Each scanner leaves a structured verdict.
 */
export class GuardPipeline {
  private readonly analyzer: PiiAnalyzer;
  private readonly secrets: Recognizer;
  private readonly injection: InjectionScanner;

  constructor(readonly config: GuardConfig = defaultGuardConfig, private readonly deps: GuardDependencies = {}) {
    this.analyzer = deps.analyzer ?? new PiiAnalyzer();
    this.secrets = deps.secrets ?? createSecretsRecognizer();
    this.injection = new InjectionScanner(deps.classifier ? { classifier: deps.classifier } : {});
  }

  // Each stage is a span of the current trace (observability), with its verdicts.
  scanInput(text: string, options: ScanOptions = {}): Promise<GuardResult> {
    return traceGuard('guard.input', () => this.input(text, options));
  }

  private async input(text: string, options: ScanOptions): Promise<GuardResult> {
    const verdicts: GuardVerdict[] = [];
    const { input } = this.config;
    if (input.injection.enabled) {
      const verdict = await this.injectionVerdict('input', text, 'user', input.injection);
      verdicts.push(verdict);
      if (verdict.outcome === 'blocked') return { text, blocked: true, verdicts };
    }
    return this.redactStage('input', text, input.secrets, input.pii, verdicts, options);
  }

  scanContext(chunks: readonly string[], options: ScanOptions = {}): Promise<ContextResult> {
    return traceGuard('guard.context', () => this.context(chunks, options));
  }

  private async context(chunks: readonly string[], options: ScanOptions): Promise<ContextResult> {
    const verdicts: GuardVerdict[] = [];
    const kept: ContextResult['chunks'] = [];
    const { context } = this.config;
    for (const [index, chunk] of chunks.entries()) {
      const chunkVerdicts: GuardVerdict[] = [];
      if (context.injection.enabled) {
        const verdict = await this.injectionVerdict('context', chunk, 'document', context.injection);
        chunkVerdicts.push(verdict);
        if (verdict.outcome === 'dropped' || verdict.outcome === 'blocked') {
          verdicts.push(...chunkVerdicts.map((v) => ({ ...v, chunk: index })));
          continue;
        }
      }
      const result = await this.redactStage('context', chunk, context.secrets, context.pii, chunkVerdicts, options);
      verdicts.push(...result.verdicts.map((v) => ({ ...v, chunk: index })));
      if (!result.blocked) kept.push({ index, text: result.text });
    }
    return { chunks: kept, verdicts };
  }

  scanOutput(text: string, options: ScanOptions & { systemPrompt?: string; canaries?: readonly string[] } = {}): Promise<GuardResult> {
    return traceGuard('guard.output', () => this.output(text, options));
  }

  private async output(text: string, options: ScanOptions & { systemPrompt?: string; canaries?: readonly string[] }): Promise<GuardResult> {
    const verdicts: GuardVerdict[] = [];
    const { output } = this.config;
    if (output.policy.enabled) {
      const started = performance.now();
      const decision = applyOutputPolicy(text, output.policy, {
        ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
        ...(options.canaries ? { canaries: options.canaries } : {}),
      });
      verdicts.push({
        stage: 'output', scanner: 'output-policy', outcome: decision.action === 'allow' ? 'pass' : decision.action === 'block' ? 'blocked' : 'replaced',
        score: Math.max(0, ...decision.violations.map((v) => v.score)), findings: [], reasons: decision.violations.map((v) => `${v.kind}:${v.id}`),
        durationMs: round(performance.now() - started),
      });
      if (decision.action !== 'allow') return { text: decision.text, blocked: decision.action === 'block', verdicts };
    }
    return this.redactStage('output', text, output.secrets, output.pii, verdicts, options);
  }

  private async injectionVerdict(stage: GuardStage, text: string, source: InjectionSource, config: InjectionStageConfig): Promise<GuardVerdict> {
    const started = performance.now();
    const scanned = await this.injection.scan(text, source);
    // Retrieved text is also judged by the document scanner (issue 13): planted instructions are structural, not phrases.
    const planted = source === 'document' ? documentScanner.scan(text) : null;
    const result = planted && planted.score > scanned.score ? { score: planted.score, signals: [...scanned.signals, ...planted.signals.map((s) => ({ id: `document:${s.id}`, weight: s.weight }))] } : scanned;
    const detected = result.score >= config.threshold;
    const outcome: GuardOutcome = !detected ? 'pass' : config.action === 'flag' ? 'flagged' : config.action === 'drop' ? 'dropped' : 'blocked';
    return { stage, scanner: 'injection', outcome, score: result.score, findings: [], reasons: result.signals.map((s) => s.id), durationMs: round(performance.now() - started) };
  }

  /** Secrets and personal data share one redaction pass so their spans never collide. */
  private async redactStage(stage: GuardStage, text: string, secrets: SecretsStageConfig, pii: PiiStageConfig, verdicts: GuardVerdict[], options: ScanOptions): Promise<GuardResult> {
    const toRedact: Finding[] = [];
    let blocked = false;
    if (secrets.enabled) {
      const started = performance.now();
      const found = resolveOverlaps(this.secrets.analyze(text));
      verdicts.push(this.findingVerdict(stage, 'secrets', found, secrets.action, started));
      if (found.length > 0 && secrets.action === 'block') blocked = true;
      if (secrets.action === 'redact') toRedact.push(...found);
    }
    if (pii.enabled && !blocked) {
      const started = performance.now();
      const found = this.analyzer.analyze(text, { entities: pii.entities, minScore: pii.minScore })
        .filter((f) => !toRedact.some((s) => f.start < s.end && s.start < f.end));
      verdicts.push(this.findingVerdict(stage, 'pii', found, pii.action, started));
      if (found.length > 0 && pii.action === 'block') blocked = true;
      if (pii.action === 'redact') toRedact.push(...found);
    }
    if (blocked || toRedact.length === 0) return { text, blocked, verdicts };
    const redaction = await this.redact(text, resolveOverlaps(toRedact), pii.mode, options);
    return { text: redaction.text, blocked: false, verdicts };
  }

  private findingVerdict(stage: GuardStage, scanner: 'pii' | 'secrets', found: Finding[], action: 'redact' | 'block' | 'flag', started: number): GuardVerdict {
    const outcome: GuardOutcome = found.length === 0 ? 'pass' : action === 'redact' ? 'redacted' : action === 'block' ? 'blocked' : 'flagged';
    return {
      stage, scanner, outcome, score: Math.max(0, ...found.map((f) => f.score)), findings: summary(found),
      reasons: [...new Set(found.map((f) => f.recognizer))], durationMs: round(performance.now() - started),
    };
  }

  private async redact(text: string, findings: Finding[], mode: RedactionMode, options: ScanOptions): Promise<Redaction> {
    if (mode !== 'pseudonym') return redact(text, findings, mode);
    const pseudonyms = this.deps.pseudonyms;
    if (!pseudonyms || !options.scope) {
      throw new AppError('INVALID_INPUT', 'Pseudonym redaction needs the pseudonym vault and a scope (conversation id); configure the vault key or choose the mask or tag mode');
    }
    return pseudonymize(text, findings, { ...pseudonyms, scope: options.scope });
  }
}
