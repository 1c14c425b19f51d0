import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CliRun } from '../../helpers/cli.js';
import { models, repoRoot } from '../../helpers/fixtures.js';

export const storiesModel = models.stories;

/** A short rubric keeps judge prompts small: stories260K's context is 2,048 tokens, shared by parallel sequences. */
export const shortRubric = [{ name: 'quality', description: 'Is it good?' }];

/** `enclave prompts|datasets|eval …` in a child process (see eval-cli.ts). */
export function runEvalCli(args: string[], options: { timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/eval/helpers/eval-cli.ts'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T });
    });
  });
}

const animals = ['cat', 'dog', 'bird', 'fox', 'bear', 'frog', 'duck', 'lion', 'fish', 'cow', 'pig', 'owl'];

/** A completion suite over stories260K: `cases` animals, `tokens` per output. */
export function storySuite(cases: number, tokens: number, extra = ''): string {
  const tests = Array.from({ length: cases }, (_, i) => `  - vars: { animal: "${animals[i % animals.length]} ${i}" }\n    expected: "Once upon a time there was a ${animals[i % animals.length]}"`).join('\n');
  return `description: stories\nprompts:\n  - id: story\n    raw: "Once upon a time there was a {{animal}}"\nproviders:\n  - id: ${storiesModel}\n    label: stories\n    config: { maxTokens: ${tokens} }\nmetrics: [bleu, rougeL]\ntests:\n${tests}\n${extra}`;
}
