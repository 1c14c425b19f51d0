import { displayFingerprint, keyFileOf, parseKeyFile, type TransferIdentity } from './transfer-identity.js';
import { transferError } from './transfer-errors.js';
import type { TransferRepo, TrustEntry } from './transfer.repo.js';
import type { AuditService } from '../audit/audit.service.js';

export interface TrustView {
  name: string;
  fingerprint: string;
  display: string;
  syncUrl: string | null;
  addedBy: string;
  addedAt: string;
}

const view = (e: TrustEntry): TrustView => ({ name: e.name, fingerprint: e.fingerprint, display: displayFingerprint(e.fingerprint), syncUrl: e.syncUrl, addedBy: e.addedBy, addedAt: e.addedAt });

/**
 * The trust store: the installations whose bundles this one merges, each pinned by its key's fingerprint. Only
 * administrators change it (transfers.trust), and every change is audited: trusting a key is what lets another
 * installation's prompts, datasets and runs in.
 */
export class TrustStore {
  constructor(private readonly repo: TransferRepo, private readonly audit: AuditService, private readonly identity: () => TransferIdentity) {}

  self(): { name: string; fingerprint: string; display: string; keyFile: string } {
    const me = this.identity();
    return { name: me.name, fingerprint: me.fingerprint, display: displayFingerprint(me.fingerprint), keyFile: `${JSON.stringify(keyFileOf(me), null, 2)}\n` };
  }

  list(): TrustView[] {
    return this.repo.trustList().map(view);
  }

  add(input: { name: string; keyFile: string; syncUrl?: string; expectFingerprint?: string }, actor: string): TrustView {
    const key = parseKeyFile(input.keyFile);
    if (key.fingerprint === this.identity().fingerprint) throw transferError('INVALID_INPUT', "That is this installation's own key; add the key of the other installation");
    if (input.expectFingerprint !== undefined && input.expectFingerprint.replace(/\s+/g, '').toLowerCase() !== key.fingerprint) {
      throw transferError('INVALID_INPUT', `The key's fingerprint is ${displayFingerprint(key.fingerprint)}, not the one you expected; do not trust this key file`, { fingerprint: key.fingerprint });
    }
    const byName = this.repo.trustByName(input.name);
    if (byName) throw transferError('TRUST_EXISTS', `"${byName.name}" is already trusted (fingerprint ${displayFingerprint(byName.fingerprint)}); remove it first to replace its key`, { name: byName.name });
    const byKey = this.repo.trustByFingerprint(key.fingerprint);
    if (byKey) throw transferError('TRUST_EXISTS', `This key is already trusted as "${byKey.name}"`, { name: byKey.name });
    const syncUrl = input.syncUrl === undefined ? null : normaliseUrl(input.syncUrl);
    const entry: TrustEntry = { name: input.name, fingerprint: key.fingerprint, signingKey: key.signingPem, agreementKey: key.agreementPem, syncUrl, addedBy: actor, addedAt: new Date().toISOString() };
    this.repo.addTrust(entry);
    this.audit.append({ actor, action: 'transfer.trust.add', target: `installation:${entry.name}`, payload: { name: entry.name, fingerprint: entry.fingerprint, syncUrl } });
    return view(entry);
  }

  remove(name: string, actor: string): { removed: boolean } {
    const entry = this.repo.trustByName(name);
    if (!entry) throw transferError('TRUST_NOT_FOUND', `No trusted installation named "${name}"; see \`enclave trust list\``, { name });
    this.repo.removeTrust(entry.name);
    this.audit.append({ actor, action: 'transfer.trust.remove', target: `installation:${entry.name}`, payload: { name: entry.name, fingerprint: entry.fingerprint } });
    return { removed: true };
  }
}

export function normaliseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw transferError('INVALID_INPUT', `"${text}" is not a URL; give the other server's address, like http://10.0.0.5:8787`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw transferError('INVALID_INPUT', 'A sync address starts with http:// or https://');
  return url.origin;
}
