import { InjectionScanner } from './injection/injection.scanner.js';
import { PiiAnalyzer, resolveOverlaps } from './pii/pii-analyzer.js';
import { redact } from './redactor.js';
import { createSecretsRecognizer } from './secrets.recognizer.js';
import { defaultPiiEntities } from './guard-config.js';
import type { Finding, Recognizer } from './types.js';

// A one-shot scan for batch use (the `enclave guard scan` command, a future `guard.scan` method): every
// scanner runs whatever the others found, and the text comes back redacted with type tags or a mask.

export interface TextScan {
  findings: Array<{ type: string; start: number; end: number; score: number }>;
  injection: { detected: boolean; score: number };
  redacted: string;
}

export interface TextScannerOptions {
  entities?: readonly string[];
  minScore?: number;
  mode?: 'tag' | 'mask';
}

export class TextScanner {
  private readonly analyzer = new PiiAnalyzer();
  private readonly secrets: Recognizer = createSecretsRecognizer();
  private readonly injection = new InjectionScanner();
  private readonly entities: readonly string[];
  private readonly minScore: number;
  private readonly mode: 'tag' | 'mask';

  constructor(options: TextScannerOptions = {}) {
    this.entities = options.entities ?? defaultPiiEntities;
    this.minScore = options.minScore ?? 0.4;
    this.mode = options.mode ?? 'tag';
  }

  scan(text: string): TextScan {
    const secrets = this.secrets.analyze(text);
    const pii = this.analyzer.analyze(text, { entities: this.entities, minScore: this.minScore });
    const findings: Finding[] = resolveOverlaps([...secrets, ...pii]);
    const injection = this.injection.scanSync(text, 'user');
    return {
      findings: findings.map((f) => ({ type: f.type, start: f.start, end: f.end, score: f.score })),
      injection: { detected: injection.detected, score: injection.score },
      redacted: redact(text, findings, this.mode).text,
    };
  }
}
