import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors.js';
import type { Db } from '../../../native/sqlite/open.js';
import type { AuditMethod } from '../contract/audit.api.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { AuditService } from './audit.service.js';
import { verifySegment } from './segment-verify.js';

const MAX_CONTENT_BYTES = 64 * 2 ** 20;

const services = new WeakMap<Db, AuditService>();

/** One audit service per database, shared by the handlers and by every area that appends. */
export function auditServiceFor(s: Pick<CoreServices, 'db' | 'dataDir'>): AuditService {
  let audit = services.get(s.db);
  if (!audit) {
    audit = AuditService.open({ db: s.db, dataDir: s.dataDir });
    services.set(s.db, audit);
  }
  return audit;
}

export function createAuditHandlers(s: CoreServices, audit: AuditService = auditServiceFor(s)): HandlersFor<AuditMethod> {
  return {
    'audit.list': ({ limit, ...filter }) => {
      // Reads see every entry queued before them (group commit writes at the end of the event-loop turn).
      audit.flush();
      const entries = audit.list({ ...filter, limit });
      const last = entries[entries.length - 1];
      return { entries, nextBeforeSeq: entries.length === limit && last ? last.seq : null };
    },
    'audit.get': ({ seq }) => {
      audit.flush();
      return audit.get(seq);
    },
    'audit.purge': ({ days }, ctx) => {
      audit.flush();
      return audit.purgeExpired({ retentionDays: days, actor: ctx.user });
    },
    'audit.verify': ({ publicKey, payloads }) => {
      audit.flush();
      return audit.verify({ publicKeyPem: publicKey, payloads });
    },
    'audit.export': ({ format, since, fileName, withContent }, ctx) => {
      audit.flush();
      const name = fileName ?? `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
      const out = path.join(s.dataDir, 'exports', name);
      const result = audit.export({ out, format, since: since === undefined ? null : new Date(since), actor: ctx.user });
      if (!withContent) return result;
      // The file stays in exports/ either way; the text is sent only while it fits one answer.
      if (result.bytes > MAX_CONTENT_BYTES) {
        throw new AppError('FILE_TOO_LARGE', `The export is ${result.bytes.toLocaleString('en-US')} bytes, over the ${MAX_CONTENT_BYTES / 2 ** 20} MiB a download can carry; it was written to ${result.path}. Export a shorter period (since) to download it.`);
      }
      return { ...result, content: readFileSync(result.path, 'utf8') };
    },
    'audit.publicKey': () => audit.publicKey(),
    'audit.verifyExport': ({ content, publicKey }) => verifySegment(content, publicKey ?? audit.publicKey().pem),
  };
}
