// Scores the analyzer on the synthetic set the way redaction uses it (default entities, minScore 0.4):
// per planted type, recall (a finding of that type covers every letter and digit of the value), leaks (a
// letter or digit of the value that no finding of any type covers, so redaction would leave it) and
// precision (findings of that type that cover no planted value of the type are false positives).
import { defaultPiiEntities } from '../../../electron/core/guard/guard-config.js';
import { PiiAnalyzer } from '../../../electron/core/guard/pii/pii-analyzer.js';
import type { Finding } from '../../../electron/core/guard/types.js';
import type { PlantedSpan, PlantedType, SyntheticSentence } from './synthetic-documents.js';

export interface TypeScore {
  type: PlantedType;
  planted: number;
  detected: number;
  leaked: number;
  findings: number;
  falsePositives: number;
  recall: number;
  precision: number;
  misses: string[];
  falsePositiveTexts: string[];
}

const types: readonly PlantedType[] = ['PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE'];

function alnumOffsets(text: string, span: PlantedSpan): number[] {
  const offsets: number[] = [];
  for (let i = span.start; i < span.coreEnd; i++) if (/[\p{L}\p{N}]/u.test(text.charAt(i))) offsets.push(i);
  return offsets;
}

const covers = (f: Finding, offsets: number[]): boolean => offsets.every((i) => f.start <= i && i < f.end);

export function scoreSynthetic(sentences: readonly SyntheticSentence[], analyzer = new PiiAnalyzer()): TypeScore[] {
  const scores = new Map<PlantedType, TypeScore>(types.map((type) => [type, {
    type, planted: 0, detected: 0, leaked: 0, findings: 0, falsePositives: 0, recall: 0, precision: 0, misses: [], falsePositiveTexts: [],
  }]));
  for (const { text, spans } of sentences) {
    const findings = analyzer.analyze(text, { entities: defaultPiiEntities, minScore: 0.4 });
    for (const span of spans) {
      const score = scores.get(span.type) as TypeScore;
      const offsets = alnumOffsets(text, span);
      score.planted++;
      if (findings.some((f) => f.type === span.type && covers(f, offsets))) score.detected++;
      else score.misses.push(`${span.detail}: ${text.slice(span.start, span.end)}  «${text}»`);
      if (offsets.some((i) => !findings.some((f) => f.start <= i && i < f.end))) score.leaked++;
    }
    for (const finding of findings) {
      const score = scores.get(finding.type as PlantedType);
      if (!score) continue;
      score.findings++;
      const planted = spans.some((s) => s.type === finding.type && finding.start < s.end && s.start < finding.end);
      if (!planted) {
        score.falsePositives++;
        score.falsePositiveTexts.push(`${text.slice(finding.start, finding.end)}  «${text}»`);
      }
    }
  }
  return [...scores.values()].map((s) => ({
    ...s,
    recall: s.planted === 0 ? 1 : s.detected / s.planted,
    precision: s.findings === 0 ? 1 : (s.findings - s.falsePositives) / s.findings,
  }));
}
