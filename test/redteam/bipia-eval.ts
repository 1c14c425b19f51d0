import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentScanner } from '../../electron/core/guard/injection/document-scanner.js';

// Indirect-injection measurement on BIPIA (microsoft/BIPIA, MIT; read from ../shared at run time). Attacks are planted
// at the start, middle or end of clean e-mail and table contexts, as BIPIA builds its poisoned contexts; the clean
// contexts are the negatives. Held apart: the rules were written looking at e-mail train contexts and the first three
// attacks of each category; the reported numbers use e-mail test and table contexts with the last two of each.

export interface BipiaReport {
  contexts: number;
  attacked: number;
  recall: number;
  falsePositiveRate: number;
  byCategory: Record<string, number>;
}

const readJsonl = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { context: string }).context);

export function plant(context: string, attack: string, where: number): string {
  if (where === 0) return `${attack}\n${context}`;
  if (where === 2) return `${context}\n${attack}`;
  const lines = context.split('\n');
  const mid = Math.floor(lines.length / 2);
  return [...lines.slice(0, mid), attack, ...lines.slice(mid)].join('\n');
}

export function measureBipia(bipiaDir: string, split: 'development' | 'held-apart', scanner = new DocumentScanner()): BipiaReport {
  const attacks = JSON.parse(readFileSync(path.join(bipiaDir, 'text_attack_train.json'), 'utf8')) as Record<string, string[]>;
  const contexts = split === 'development' ? readJsonl(path.join(bipiaDir, 'email/train.jsonl')) : [...readJsonl(path.join(bipiaDir, 'email/test.jsonl')), ...readJsonl(path.join(bipiaDir, 'table/test.jsonl'))];
  const items = (list: string[]): string[] => (split === 'development' ? list.slice(0, 3) : list.slice(3));
  const falsePositives = contexts.filter((c) => scanner.scan(c).flagged).length;
  let hits = 0;
  let attacked = 0;
  const byCategory: Record<string, number> = {};
  for (const [category, list] of Object.entries(attacks)) {
    let caught = 0;
    let n = 0;
    contexts.forEach((context, i) => {
      const chosen = items(list);
      const attack = chosen[i % chosen.length] as string;
      if (scanner.scan(plant(context, attack, i % 3)).flagged) caught++;
      n++;
    });
    byCategory[category] = Math.round((caught / n) * 1000) / 1000;
    hits += caught;
    attacked += n;
  }
  return { contexts: contexts.length, attacked, recall: Math.round((hits / attacked) * 1000) / 1000, falsePositiveRate: Math.round((falsePositives / contexts.length) * 1000) / 1000, byCategory };
}
