import { installEgressGuard, isLoopback } from '../../../native/net/egress-guard.js';
import { AppError, errorCodes, type ErrorCode } from '../contract/errors.js';
import type { JobControl } from '../jobs/job-runner.js';
import { kindOrder } from './objects/transfer-object.js';
import type { ObjectKind } from './bundle-format.js';
import type { BundlePreview, TransferService } from './transfer.service.js';
import { transferError } from './transfer-errors.js';
import { normaliseUrl } from './trust-store.js';
import type { TransferRepo } from './transfer.repo.js';

/** Below the other server's 16 MB request limit once base64 (4/3) and JSON are added. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

export interface SyncReport {
  direction: 'push' | 'pull';
  remote: string;
  remoteFingerprint: string;
  /** Objects the receiving side lacked (or held with other content) before the sync. */
  missing: number;
  bundles: number;
  merged: number;
  conflicts: Array<{ key: string; reason: string | null }>;
}

export interface InventoryItem { key: string; sha256: string; size: number }

/**
 * Sync with another Enclave server over its HTTP API and an API token: compare inventories, move only what the
 * receiving side lacks as signed bundles (batched under the server's request limit), and merge them with the same
 * verification as a file import; the receiving side must trust the sender's key. Conflicts are reported, never
 * resolved. Loopback needs nothing; another host must be the sync URL of an installation in the trust store (an
 * administrator's explicit choice), and only that host is let through the egress guard.
 */
export async function sync(service: TransferService, repo: TransferRepo, options: { direction: 'push' | 'pull'; remote: string; token: string; actor: string; job?: JobControl }): Promise<SyncReport> {
  const origin = normaliseUrl(options.remote);
  const host = new URL(origin).hostname;
  if (!isLoopback(host)) {
    if (!repo.trustList().some((t) => t.syncUrl === origin)) {
      throw new AppError('EGRESS_BLOCKED', `Enclave syncs only with this machine or with a sync address an administrator configured; add it with \`enclave trust add NAME --key-file KEY --sync-url ${origin}\``, { remote: origin });
    }
    installEgressGuard().allow(host);
  }
  const remote = new RemoteServer(origin, options.token, options.job?.signal);
  const theirs = await remote.call<{ fingerprint: string; objects: InventoryItem[] }>('transfer.inventory', {});
  const mine = service.inventory();
  const [from, to] = options.direction === 'push' ? [mine.objects, theirs.objects] : [theirs.objects, mine.objects];
  const held = new Map(to.map((o) => [o.key.toLowerCase(), o.sha256]));
  const missing = from.filter((o) => held.get(o.key.toLowerCase()) !== o.sha256);
  const report: SyncReport = { direction: options.direction, remote: origin, remoteFingerprint: theirs.fingerprint, missing: missing.length, bundles: 0, merged: 0, conflicts: [] };
  const planned = batches(missing);
  for (const [index, batch] of planned.entries()) {
    // A cancel stops between batches: every batch already sent was merged whole, in its own transaction.
    if (options.job?.signal.aborted) throw new AppError('CANCELLED', `Sync stopped after ${index} of ${planned.length} bundle(s); run it again to continue`);
    options.job?.progress(index / planned.length, `bundle ${index + 1} of ${planned.length}`);
    const keys = batch.map((o) => o.key);
    let preview: BundlePreview & { merged: number };
    if (options.direction === 'push') {
      const bundle = service.export({ all: true, keys }, undefined, options.actor);
      preview = await remote.job('transfer.import', { content: bundle.file.toString('base64'), dryRun: false });
    } else {
      const exported = await remote.job<{ content: string }>('transfer.export', { all: true, keys });
      preview = service.import(Buffer.from(exported.content, 'base64'), { dryRun: false, actor: options.actor });
    }
    report.bundles += 1;
    report.merged += preview.merged;
    report.conflicts.push(...preview.objects.filter((o) => o.status === 'conflict').map((o) => ({ key: o.key, reason: o.reason })));
  }
  return report;
}

/** Dependencies first (kind order), then cut where a batch would pass the size limit. */
export function batches(items: InventoryItem[], maxBytes = MAX_BATCH_BYTES): InventoryItem[][] {
  const kindOf = (key: string): ObjectKind => {
    if (key.startsWith('run:')) return key.includes('#results/') ? 'eval-results' : 'eval-run';
    if (key.startsWith('model:')) return 'model';
    const dataset = key.startsWith('dataset:');
    if (key.includes('#labels')) return 'prompt-labels';
    if (key.includes('@')) return dataset ? 'dataset-version' : 'prompt-version';
    return dataset ? 'dataset' : 'prompt';
  };
  const sorted = items.map((item, index) => ({ item, index })).sort((a, b) => kindOrder[kindOf(a.item.key)] - kindOrder[kindOf(b.item.key)] || a.index - b.index);
  const out: InventoryItem[][] = [];
  let current: InventoryItem[] = [];
  let size = 0;
  for (const { item } of sorted) {
    if (current.length > 0 && size + item.size > maxBytes) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

class RemoteServer {
  constructor(private readonly origin: string, private readonly token: string, private readonly signal?: AbortSignal) {}

  /** Starts a job there and waits for its result. */
  async job<T>(method: string, params: unknown): Promise<T> {
    const { jobId } = await this.call<{ jobId: string }>(method, params);
    return this.call<T>('jobs.wait', { jobId });
  }

  async call<T>(method: string, params: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(params),
        signal: this.signal ? AbortSignal.any([this.signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof AppError) throw cause;
      throw transferError('SYNC_REMOTE_FAILED', `Cannot reach ${this.origin} (${(cause as Error | undefined)?.message ?? (error as Error).message}); is \`enclave serve\` running there?`, { remote: this.origin });
    }
    let body: { ok: boolean; value?: T; error?: { code: string; message: string; details?: unknown } };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw transferError('SYNC_REMOTE_FAILED', `${this.origin} did not answer like an Enclave server (HTTP ${response.status})`, { remote: this.origin });
    }
    if (body.ok) return body.value as T;
    const code = (errorCodes as readonly string[]).includes(body.error?.code ?? '') ? (body.error!.code as ErrorCode) : 'SYNC_REMOTE_FAILED';
    const auth = code === 'UNAUTHORIZED' ? ' (check --token: an API token of an account there)' : '';
    throw new AppError(code, `The server at ${this.origin} refused: ${body.error?.message ?? `HTTP ${response.status}`}${auth}`, { remote: this.origin, remoteError: body.error });
  }
}
