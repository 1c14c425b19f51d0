import path from 'node:path';
import type { Db } from '../../../native/sqlite/open.js';
import type { AuditMethod } from '../contract/audit.api.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { AuditService } from './audit.service.js';
import { verifySegment } from './segment-verify.js';

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
    'audit.verify': ({ publicKey, payloads }) => {
      audit.flush();
      return audit.verify({ publicKeyPem: publicKey, payloads });
    },
    'audit.export': ({ format, since, fileName }, ctx) => {
      audit.flush();
      const name = fileName ?? `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`;
      const out = path.join(s.dataDir, 'exports', name);
      return audit.export({ out, format, since: since === undefined ? null : new Date(since), actor: ctx.user });
    },
    'audit.publicKey': () => audit.publicKey(),
    'audit.verifyExport': ({ content, publicKey }) => verifySegment(content, publicKey ?? audit.publicKey().pem),
  };
}
