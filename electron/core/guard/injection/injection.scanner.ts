import { obfuscationHits } from './obfuscation.heuristics.js';
import { signatures, type InjectionSource } from './injection-signatures.js';
import { normalizeForScan } from './text-normalizer.js';

export type { InjectionSource } from './injection-signatures.js';

/**
 * A local model (e.g. a small prompt-injection classifier run by llama.cpp) can be plugged in; its score
 * is combined with the signatures' so either can raise the alarm.
 */
export interface InjectionClassifier {
  readonly name: string;
  /** Probability-like 0..1 that the text tries to subvert the model. */
  classify(text: string, source: InjectionSource): Promise<number> | number;
}

export interface InjectionSignal {
  id: string;
  weight: number;
}

export interface InjectionVerdict {
  detected: boolean;
  /** 0..1: 1 − e^(−Σ weights), then the maximum with the classifier's score when one is plugged in. */
  score: number;
  signals: InjectionSignal[];
  classifierScore?: number;
}

export interface InjectionScannerOptions {
  /** Score at or above which text counts as an attack (default 0.6: one strong signature, or two weaker). */
  threshold?: number;
  classifier?: InjectionClassifier;
}

// Long inputs are scanned in full; this caps the cost of pathological ones (a 1 MB paste).
const maxScanChars = 100_000;

export class InjectionScanner {
  readonly threshold: number;

  constructor(private readonly options: InjectionScannerOptions = {}) {
    this.threshold = options.threshold ?? 0.6;
  }

  /** The signatures and heuristics alone: synchronous and cheap (well under a millisecond per 2 kB). */
  scanSync(text: string, source: InjectionSource = 'user'): InjectionVerdict {
    const raw = text.length > maxScanChars ? text.slice(0, maxScanChars) : text;
    const normalized = normalizeForScan(raw);
    const signals: InjectionSignal[] = [];
    for (const signature of signatures) {
      if (signature.source && signature.source !== source) continue;
      if (signature.pattern.test(normalized)) signals.push({ id: signature.id, weight: signature.weight });
    }
    signals.push(...obfuscationHits(raw));
    const total = signals.reduce((sum, s) => sum + s.weight, 0);
    const score = Math.round((1 - Math.exp(-total)) * 1000) / 1000;
    return { detected: score >= this.threshold, score, signals };
  }

  async scan(text: string, source: InjectionSource = 'user'): Promise<InjectionVerdict> {
    const verdict = this.scanSync(text, source);
    const classifier = this.options.classifier;
    if (!classifier) return verdict;
    const classifierScore = await classifier.classify(text, source);
    const score = Math.max(verdict.score, classifierScore);
    return { ...verdict, score, classifierScore, detected: score >= this.threshold };
  }
}
