import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../contract/errors.js';
import { OwaspRisk, RedteamProbe, StrategyName } from '../../contract/redteam.api.js';

/** A suite file: which probes (inline or files beside it), strategies, risks and the gate. */
const SuiteFile = z.object({
  name: z.string().optional(),
  probes: z.array(RedteamProbe.extend({ source: z.string().optional() })).default([]),
  probeFiles: z.array(z.string()).default([]),
  strategies: z.array(StrategyName).optional(),
  risks: z.array(OwaspRisk).optional(),
  sharedCorpus: z.boolean().optional(),
  gate: z.object({ maxSuccessRate: z.number().min(0).max(1).optional(), perRisk: z.record(OwaspRisk, z.number().min(0).max(1)).optional() }).optional(),
});
export type SuiteFile = z.infer<typeof SuiteFile>;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `${file} cannot be read; check the path`);
  }
}

function invalid(file: string, where: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  return new AppError('INVALID_INPUT', `${file}${where}: ${issue?.path.join('.') || 'probe'}: ${issue?.message ?? 'invalid'}`);
}

/** Probes a user wrote, one JSON object per line (.jsonl) or a YAML list / `{probes: [...]}` (.yaml, .yml). */
export function loadProbeFile(file: string): RedteamProbe[] {
  const text = read(file);
  const source = `file:${path.basename(file)}`;
  if (/\.ya?ml$/i.test(file)) {
    const doc = parseYaml(text) as unknown;
    const list = Array.isArray(doc) ? doc : (doc as { probes?: unknown })?.probes;
    if (!Array.isArray(list)) throw new AppError('INVALID_INPUT', `${file}: expected a list of probes or {probes: [...]}`);
    return list.map((item, i) => {
      const parsed = RedteamProbe.safeParse({ source, ...(item as object) });
      if (!parsed.success) throw invalid(file, ` probe ${i + 1}`, parsed.error);
      return parsed.data;
    });
  }
  const probes: RedteamProbe[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `${file} line ${i + 1} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = RedteamProbe.safeParse({ source, ...(value as object) });
    if (!parsed.success) throw invalid(file, ` line ${i + 1}`, parsed.error);
    probes.push(parsed.data);
  });
  return probes;
}

/** A suite YAML; its probe files are resolved beside it. */
export function loadSuiteFile(file: string): SuiteFile & { probes: RedteamProbe[] } {
  const doc = parseYaml(read(file)) as unknown;
  const parsed = SuiteFile.safeParse(doc ?? {});
  if (!parsed.success) throw invalid(file, '', parsed.error);
  const suite = parsed.data;
  const probes: RedteamProbe[] = suite.probes.map((p) => ({ ...p, source: p.source ?? `file:${path.basename(file)}` }));
  for (const extra of suite.probeFiles) probes.push(...loadProbeFile(path.resolve(path.dirname(file), extra)));
  return { ...suite, probes };
}
