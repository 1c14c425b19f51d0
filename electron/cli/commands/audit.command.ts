import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../native/sqlite/open.js';
import { AuditDate } from '../../core/contract/audit.api.js';
import { AppError, isAppError } from '../../core/contract/errors.js';
import { AuditService } from '../../core/audit/audit.service.js';
import type { IntegrityProblem, IntegrityReport } from '../../core/audit/audit.types.js';
import { verifySegmentFile } from '../../core/audit/segment-verify.js';
import { numberFlag, parse } from '../args.js';
import { exitCodeFor } from '../output.js';

/** Exit code of `audit verify` when the trail or file does not verify (proposed: its own code, AUDIT_TAMPERED). */
export const TAMPERED_EXIT = 5; // the exit code of AUDIT_TAMPERED (cli/output.ts)
const SHOWN_PROBLEMS = 20;

export interface AuditIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: AuditIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

const auditOptions = {
  file: { type: 'string' },
  'public-key': { type: 'string' },
  out: { type: 'string' },
  since: { type: 'string' },
  format: { type: 'string' },
  days: { type: 'string' },
  'chain-only': { type: 'boolean', default: false },
} as const;

/**
 * `enclave audit verify [--json] [--public-key KEY] [--chain-only]`, `enclave audit verify --file FILE --public-key KEY [--json]`,
 * `enclave audit export --out FILE [--since DATE] [--format jsonl|cef]`, `enclave audit public-key [--out KEY]`,
 * `enclave audit purge [--days N]` (drops payloads past retention; digests stay).
 * Returns the exit code; errors are printed here.
 */
export async function auditCommand(argv: string[], dataDir: string, io: AuditIo = processIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    const { positionals, values } = parse(argv, auditOptions);
    const verb = positionals[0];
    switch (verb) {
      case 'verify':
        if (values.file !== undefined) return verifyFile(values.file, values['public-key'], json, io);
        return withAudit(dataDir, (audit) => printReport(audit.verify({ publicKeyPem: readKey(values['public-key']), payloads: !values['chain-only'] }), json, io, 'audit trail'));
      case 'export': {
        const out = required(values.out, '--out FILE');
        const format = values.format ?? 'jsonl';
        if (format !== 'jsonl' && format !== 'cef') throw new AppError('INVALID_INPUT', `--format must be jsonl or cef, got "${format}"`);
        const since = parseSince(values.since);
        return withAudit(dataDir, (audit) => {
          const summary = audit.export({ out: path.resolve(out), format, since, actor: process.env.USER ?? 'local' });
          io.stdout(json ? `${JSON.stringify(summary, null, 2)}\n` : `Exported ${summary.entries} entries (seq ${summary.firstSeq ?? '-'}..${summary.lastSeq ?? '-'}) to ${summary.path}\n`);
          return 0;
        });
      }
      case 'public-key':
        return withAudit(dataDir, (audit) => {
          const key = audit.publicKey();
          if (values.out === undefined) io.stdout(json ? `${JSON.stringify(key, null, 2)}\n` : key.pem);
          else {
            writeFileSync(values.out, key.pem);
            io.stdout(json ? `${JSON.stringify({ keyId: key.keyId, path: path.resolve(values.out) })}\n` : `Wrote the audit public key ${key.keyId} to ${path.resolve(values.out)}\n`);
          }
          return 0;
        });
      case 'purge': {
        const days = numberFlag(values.days, 'days');
        return withAudit(dataDir, (audit) => {
          const result = audit.purgeExpired({ retentionDays: days, actor: process.env.USER ?? 'local' });
          io.stdout(json ? `${JSON.stringify(result)}\n` : `Purged the payloads of ${result.purged} entries older than ${result.before}\n`);
          return 0;
        });
      }
      default:
        throw new AppError('INVALID_INPUT', `Unknown command "audit ${verb ?? ''}"; use verify, export, public-key or purge`);
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    const shape = error.toShape();
    if (json) io.stdout(`${JSON.stringify({ error: shape })}\n`);
    else io.stderr(`enclave: ${shape.message} [${shape.code}]\n`);
    return exitCodeFor(shape.code);
  }
}

function verifyFile(file: string, publicKey: string | undefined, json: boolean, io: AuditIo): number {
  const keyFile = required(publicKey, '--public-key KEY (the exported segment is checked against it)');
  return printReport(verifySegmentFile(file, keyFile), json, io, file);
}

function withAudit(dataDir: string, work: (audit: AuditService) => number): number {
  const { db } = openDatabase(path.join(dataDir, 'enclave.db'));
  try {
    return work(AuditService.open({ db, dataDir }));
  } finally {
    db.close();
  }
}

/** Prints the report; exit 0 when intact, otherwise TAMPERED_EXIT with the first problem first. */
export function printReport(report: IntegrityReport, json: boolean, io: AuditIo, what: string): number {
  const first = report.problems[0] ?? null;
  if (json) {
    io.stdout(`${JSON.stringify({ ...report, firstProblem: first }, null, 2)}\n`);
    return report.ok ? 0 : TAMPERED_EXIT;
  }
  const range = report.firstSeq === null ? 'no entries' : `${report.entries} entries, seq ${report.firstSeq}..${report.lastSeq}`;
  if (report.ok) {
    io.stdout(`Intact: ${what} (${range}, ${report.checkpoints} signed checkpoints, key ${report.keyId ?? '-'}, head ${report.headHash ?? '-'})\n`);
    return 0;
  }
  const total = report.problems.length + report.truncatedProblems;
  const lines = [`TAMPERED: ${what} (${range}); ${total} problem${total === 1 ? '' : 's'}`, first ? `First bad entry: ${describe(first)}` : ''];
  for (const problem of report.problems.slice(1, SHOWN_PROBLEMS)) lines.push(`  ${describe(problem)}`);
  if (total > SHOWN_PROBLEMS) lines.push(`  … and ${total - SHOWN_PROBLEMS} more (use --json for the first ${report.problems.length})`);
  io.stderr(`${lines.filter(Boolean).join('\n')}\n`);
  return TAMPERED_EXIT;
}

function describe(p: IntegrityProblem): string {
  const where = [p.line === null ? null : `line ${p.line}`, p.seq === null ? null : `seq ${p.seq}`].filter(Boolean).join(', ');
  return `${where ? `${where}: ` : ''}${p.kind}: ${p.reason}`;
}

function readKey(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_NOT_FOUND', `Cannot read the public key file ${file}`);
  }
}

function parseSince(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const parsed = AuditDate.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `--since must be a date like 2025-01-31 or 2025-01-31T12:00:00Z, got "${value}"`);
  return new Date(parsed.data);
}

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new AppError('INVALID_INPUT', `Missing ${what}; see \`enclave --help\``);
  return value;
}
