// `npm run bench`: every benchmark section, each with its reference measured in the same run.
// `npm run bench -- --only inference,rag` runs some; `--write` also replaces docs/benchmarks.md's measured part;
// `--check` measures only the real-size targets (issue 17) and exits non-zero unless all pass.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineLine } from './machine.js';
import { targetLine, type Target } from './targets.js';

type Section = { name: string; run: () => Promise<string> };

const sections: Section[] = [
  { name: 'inference', run: async () => (await import('./inference.bench.js')).benchInference() },
  { name: 'rag-quality', run: async () => (await import('./rag-quality.bench.js')).benchRagQuality() },
  { name: 'rag-perf', run: async () => (await import('./rag-perf.bench.js')).benchRagPerf() },
  { name: 'extract', run: async () => (await import('./extract.bench.js')).benchExtract() },
  { name: 'guard', run: async () => (await import('./guard.bench.js')).benchGuard() },
  { name: 'audit', run: async () => (await import('./audit.bench.js')).benchAudit() },
  { name: 'eval', run: async () => (await import('./eval.bench.js')).benchEval() },
  { name: 'metrics', run: async () => (await import('./metrics.bench.js')).benchMetrics() },
  { name: 'gateway-overhead', run: async () => (await import('./gateway-overhead.bench.js')).benchGatewayOverhead() },
  // 200k here; docs/benchmarks.md records the 1M run (`node --import tsx bench/observability.bench.ts 1000000`).
  { name: 'observability', run: async () => (await import('./observability.bench.js')).benchObservability(200_000) },
  { name: 'bundles', run: async () => (await import('./bundle.bench.js')).benchBundles() },
  // Real model sizes (issue 17): shaped models written into .cache/shaped-models on first use.
  { name: 'shaped', run: async () => (await runTargets(async () => (await import('./shaped.bench.js')).benchShaped())) },
  { name: 'shaped-eval', run: async () => (await runTargets(async () => (await import('./shaped-eval.bench.js')).benchShapedEval())) },
  { name: 'shaped-ingest', run: async () => (await runTargets(async () => (await import('./shaped-ingest.bench.js')).benchShapedIngest())) },
  { name: 'threads', run: async () => (await import('./thread-contention.bench.js')).benchThreadContention() },
  // Hybrid search at 1M chunks (issue 17): ~3 minutes to build, ENCLAVE_HYBRID_DB=<file> keeps the database between runs.
  { name: 'hybrid-1m', run: async () => (await runTargets(async () => (await import('./hybrid-1m.bench.js')).benchHybrid1m())) },
];

/** Every target a section measured, printed after its markdown as `TARGET …` lines. */
const measuredTargets: Target[] = [];
async function runTargets(section: () => Promise<{ markdown: string; targets: Target[] }>): Promise<string> {
  const { markdown, targets } = await section();
  measuredTargets.push(...targets);
  const lines = targets.map((t) => `- ${t.name}: ${Number(t.measured.toPrecision(4))} (goal ${t.goal}) **${t.pass ? 'pass' : 'fail'}**`);
  return lines.length > 0 ? `${markdown}\n\nTargets:\n${lines.join('\n')}` : markdown;
}

const args = process.argv.slice(2);

// `npm run bench -- --check`: only the issue-17 targets, one `TARGET <name> <measured> <goal> pass|fail` line each,
// exit 0 only when every one passes.
if (args.includes('--check')) {
  const checks: Array<() => Promise<{ markdown: string; targets: Target[] }>> = [
    async () => (await import('./shaped.bench.js')).benchShaped({ check: true, runs: 3 }),
    async () => (await import('./shaped-eval.bench.js')).benchShapedEval({ runs: 2, sequences: [8, 16] }),
    async () => (await import('./shaped-ingest.bench.js')).benchShapedIngest(),
    async () => (await import('./hybrid-1m.bench.js')).benchHybrid1m(),
  ];
  const all: Target[] = [];
  for (const check of checks) {
    const { markdown, targets } = await check();
    process.stderr.write(`${markdown}\n\n`); // the measurements behind each ratio
    for (const t of targets) {
      all.push(t);
      console.log(targetLine(t));
    }
  }
  process.exit(all.length > 0 && all.every((t) => t.pass) ? 0 : 1);
}
const only = args.find((a) => a.startsWith('--only'))?.split('=')[1]?.split(',') ?? (args.includes('--only') ? args[args.indexOf('--only') + 1]?.split(',') : undefined);
const chosen = sections.filter((s) => !only || only.includes(s.name));
const outputs: string[] = [];
for (const section of chosen) {
  const started = performance.now();
  process.stderr.write(`bench: ${section.name}…\n`);
  const markdown = await section.run();
  outputs.push(markdown);
  console.log(`${markdown}\n`);
  process.stderr.write(`bench: ${section.name} took ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (args.includes('--write')) {
  // Sections that did not run keep their last measured text; each is stamped with its run date and machine.
  const file = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const marker = '<!-- measured: everything below is written by `npm run bench -- --write` -->';
  const [head, measured = ''] = readFileSync(file, 'utf8').split(marker);
  const kept = new Map<string, string>();
  for (const block of measured.split(/(?=<!-- section: )/)) {
    const name = /^<!-- section: ([\w-]+) -->/.exec(block)?.[1];
    if (name) kept.set(name, block.trim());
  }
  const stamp = `Run on ${new Date().toISOString().slice(0, 10)}; ${machineLine()}.`;
  chosen.forEach((section, i) => kept.set(section.name, `<!-- section: ${section.name} -->\n${outputs[i]}\n\n_${stamp}_`));
  const ordered = sections.map((s) => kept.get(s.name)).filter((b): b is string => b !== undefined);
  writeFileSync(file, `${head}${marker}\n\n${ordered.join('\n\n')}\n`);
  process.stderr.write(`bench: wrote ${file}\n`);
}
