import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../../core/contract/errors.js';
import { TextScanner, type TextScan } from '../../core/guard/guard-scan.js';
import { DocumentScanner } from '../../core/guard/injection/document-scanner.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';

const scanOptions = {
  file: { type: 'string', short: 'f' },
  redact: { type: 'string' },
  entities: { type: 'string' },
  'min-score': { type: 'string' },
  source: { type: 'string' },
} as const;

export type ScanLineOutput =
  | ({ id: string | number } & TextScan & { injectionReasons?: string[] })
  | { id: null; line: number; error: { code: 'INVALID_INPUT'; message: string } };

const invalid = (line: number, message: string): ScanLineOutput => ({ id: null, line, error: { code: 'INVALID_INPUT', message } });

/**
 * One input line of `guard scan` to one output record; pure apart from the scanner, so tests call it
 * directly. Blank lines give null (nothing to report); malformed ones an error record with the line number.
 */
export function scanJsonLine(raw: string, lineNumber: number, scanner: TextScanner, documents?: DocumentScanner): ScanLineOutput | null {
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return invalid(lineNumber, `Line ${lineNumber} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(lineNumber, `Line ${lineNumber} must be a JSON object with "id" and "text"`);
  const record = value as { id?: unknown; text?: unknown };
  if (typeof record.id !== 'string' && typeof record.id !== 'number') return invalid(lineNumber, `Line ${lineNumber} needs an "id" (string or number)`);
  if (typeof record.text !== 'string') return invalid(lineNumber, `Line ${lineNumber} needs a "text" string`);
  const scan = scanner.scan(record.text);
  if (!documents) return { id: record.id, ...scan };
  // --source document: the text is retrieved or ingested content, judged by the indirect-injection scanner.
  const verdict = documents.scan(record.text);
  return { id: record.id, ...scan, injection: { detected: verdict.flagged, score: verdict.score }, injectionReasons: verdict.reasons };
}

function human(result: ScanLineOutput): string {
  if (result.id === null) return `line ${result.line}: ${result.error.message} [${result.error.code}]`;
  const types = [...new Set(result.findings.map((f) => f.type))];
  const injection = result.injection.detected ? `INJECTION (${result.injection.score})${result.injectionReasons?.length ? `: ${result.injectionReasons.join('; ')}` : ''}` : `no injection (${result.injection.score})`;
  return `${result.id}: ${result.findings.length} finding(s)${types.length ? ` ${types.join(', ')}` : ''}; ${injection}\n  ${result.redacted.replace(/\n/g, '\n  ')}`;
}

/** `enclave guard scan --file F.jsonl [--source user|document] [--json] [--redact tag|mask] [--entities A,B] [--min-score 0.4]` */
export async function guardCommand(cli: Pick<CliContext, 'out'>, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, scanOptions);
  const sub = requirePositional(positionals, 0, 'a guard subcommand (scan)');
  if (sub !== 'scan') throw new AppError('INVALID_INPUT', `Unknown guard subcommand "${sub}"; try \`enclave guard scan --file F.jsonl\``);
  if (!values.file) throw new AppError('INVALID_INPUT', 'Name the input with --file F.jsonl (one {"id", "text"} object per line)');
  if (!existsSync(values.file)) throw new AppError('FILE_NOT_FOUND', `${values.file} does not exist`);
  const mode = values.redact ?? 'tag';
  if (mode !== 'tag' && mode !== 'mask') throw new AppError('INVALID_INPUT', `--redact must be tag or mask, got "${mode}"`);
  const minScore = numberFlag(values['min-score'], 'min-score');
  if (minScore !== undefined && (minScore < 0 || minScore > 1)) throw new AppError('INVALID_INPUT', '--min-score must be between 0 and 1');
  const entities = values.entities?.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const scanner = new TextScanner({ mode, ...(entities ? { entities } : {}), ...(minScore !== undefined ? { minScore } : {}) });
  const source = values.source ?? 'user';
  if (source !== 'user' && source !== 'document') throw new AppError('INVALID_INPUT', `--source must be user or document, got "${source}"`);
  const documents = source === 'document' ? new DocumentScanner() : undefined;
  const lines = createInterface({ input: createReadStream(values.file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  let errors = 0;
  for await (const raw of lines) {
    const result = scanJsonLine(raw, ++lineNumber, scanner, documents);
    if (!result) continue;
    if (result.id === null) errors++;
    // With --json every record, errors included, is one stdout line; for people, errors go to stderr.
    if (cli.out.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else (result.id === null ? process.stderr : process.stdout).write(`${human(result)}\n`);
  }
  if (!cli.out.json && errors > 0) process.stderr.write(`${errors} malformed line(s) skipped\n`);
}
