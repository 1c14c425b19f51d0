// Where llama.cpp's own tools (llama-server, llama-bench, llama-batched-bench, llama-perplexity, llama-quantize) live. They are built once per
// machine by scripts/build-llama-tools.sh into ${ENCLAVE_TOOLS_DIR:-~/.cache/enclave/llama-tools}/<tag>/bin; the vitest
// global setup runs that script and exports the directory as ENCLAVE_LLAMA_TOOLS. Outside vitest (a benchmark, a
// single test file run some other way) the script is run here: it only prints the directory when the tools are built.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/build-llama-tools.sh', import.meta.url));
export const LLAMA_TOOLS_ENV = 'ENCLAVE_LLAMA_TOOLS';
export type LlamaTool = 'llama-server' | 'llama-bench' | 'llama-batched-bench' | 'llama-perplexity' | 'llama-quantize';

let resolved: string | undefined;

/** The bin directory, building the tools first when they are missing (minutes, once per machine). */
export function llamaToolsDir(): string {
  if (resolved !== undefined) return resolved;
  const fromEnv = process.env[LLAMA_TOOLS_ENV];
  if (fromEnv && existsSync(path.join(fromEnv, 'llama-server'))) return (resolved = fromEnv);
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  const dir = out.trim().split('\n').pop() ?? '';
  if (!existsSync(path.join(dir, 'llama-server'))) throw new Error(`build-llama-tools.sh printed '${dir}', which has no llama-server`);
  process.env[LLAMA_TOOLS_ENV] = dir;
  return (resolved = dir);
}

/** The path of one tool. */
export function llamaTool(name: LlamaTool): string {
  return path.join(llamaToolsDir(), name);
}
