import type { AppErrorShape, ErrorCode } from '../core/contract/errors.js';

/** The CLI's one mapping from error codes to exit codes (documented in README.md). */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'UNKNOWN_METHOD':
    case 'TEMPLATE_INVALID':
    case 'DATASET_INVALID':
    case 'SUITE_INVALID':
    case 'BUNDLE_INVALID':
      return 2;
    case 'NOT_FOUND':
    case 'FILE_NOT_FOUND':
    case 'MODEL_NOT_FOUND':
    case 'JOB_NOT_FOUND':
    case 'COLLECTION_NOT_FOUND':
    case 'DOCUMENT_NOT_FOUND':
    case 'AUDIT_KEY_MISSING':
    case 'PROMPT_NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
    case 'AB_TEST_NOT_FOUND':
    case 'DATASET_NOT_FOUND':
    case 'DATASET_CASE_NOT_FOUND':
    case 'EVAL_RUN_NOT_FOUND':
    case 'TRUST_NOT_FOUND':
    case 'ENDPOINT_NOT_FOUND':
      return 3;
    case 'MODEL_INVALID':
    case 'MODEL_MODIFIED':
    case 'MODEL_ALREADY_EXISTS':
    case 'MODEL_WRONG_ROLE':
    case 'MODEL_IN_USE':
    case 'MODEL_RETIRED':
    case 'FILE_TOO_COMPLEX':
    case 'CONTEXT_OVERFLOW':
    case 'COLLECTION_EXISTS':
    case 'USER_EXISTS':
    case 'AUDIT_KEY_INVALID':
    case 'DATASET_VERSION_STALE':
    case 'ENDPOINT_EXISTS':
      return 4;
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
    case 'MODEL_NOT_APPROVED':
    case 'PATH_NOT_ALLOWED':
    case 'BUNDLE_SIGNER_UNTRUSTED':
    case 'BUNDLE_WRONG_RECIPIENT':
    case 'TOO_MANY_ATTEMPTS':
    case 'QUOTA_EXCEEDED':
      return 6;
    case 'AUDIT_TAMPERED':
    case 'BUNDLE_TAMPERED':
    case 'BUNDLE_TRUNCATED':
      return 5;
    case 'CANCELLED':
      return 130;
    default:
      return 1;
  }
}

export class Output {
  constructor(readonly json: boolean) {}

  /** With --json the value is printed as one JSON document; otherwise `human` renders it. */
  result(value: unknown, human: (value: never) => string = defaultHuman): void {
    process.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human(value as never)}\n`);
  }

  error(error: AppErrorShape): number {
    if (this.json) process.stdout.write(`${JSON.stringify({ error })}\n`);
    else process.stderr.write(`enclave: ${error.message} [${error.code}]\n`);
    return exitCodeFor(error.code);
  }

  progress(line: string): void {
    if (!this.json && process.stderr.isTTY) process.stderr.write(`\r${line}`);
  }
}

function defaultHuman(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}
