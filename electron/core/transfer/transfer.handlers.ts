import { readFileSync, writeFileSync } from 'node:fs';
import { holds } from '../auth/permissions.js';
import { authError } from '../auth/auth-errors.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { sync } from './sync-client.js';
import { transferError } from './transfer-errors.js';
import { TransferRepo } from './transfer.repo.js';
import { TransferService } from './transfer.service.js';
import { TrustStore } from './trust-store.js';

type TransferMethod =
  | 'transfer.export' | 'transfer.inspect' | 'transfer.import' | 'transfer.inventory' | 'transfer.provenance'
  | 'transfer.trust.self' | 'transfer.trust.list' | 'transfer.trust.add' | 'transfer.trust.remove' | 'transfer.sync';

export function createTransferHandlers(services: CoreServices): HandlersFor<TransferMethod> {
  const repo = new TransferRepo(services.db);
  const transfers = new TransferService(services.db, repo, services.audit);
  const trust = new TrustStore(repo, services.audit, () => transfers.identity());
  return {
    'transfer.export': ({ path, recipient, ...selection }, ctx) => ({
      jobId: services.jobs.start('transfer.export', async () => {
        const bundle = transfers.export(selection, recipient, ctx.user);
        if (path !== undefined) writeFileSync(path, bundle.file, { mode: 0o600 });
        return {
          bundleId: bundle.bundleId,
          objects: bundle.objects,
          bytes: bundle.file.length,
          counts: bundle.counts,
          encryptedFor: bundle.encryptedFor,
          path: path ?? null,
          content: path === undefined ? bundle.file.toString('base64') : null,
        };
      }),
    }),
    'transfer.inspect': (input) => transfers.inspect(bundleBytes(input)),
    'transfer.import': (input, ctx) => {
      const file = bundleBytes(input);
      return { jobId: services.jobs.start('transfer.import', async () => transfers.import(file, { dryRun: input.dryRun, actor: ctx.user })) };
    },
    'transfer.inventory': () => transfers.inventory(),
    'transfer.provenance': (input) => repo.provenance(input),
    'transfer.trust.self': () => trust.self(),
    'transfer.trust.list': () => trust.list(),
    'transfer.trust.add': (input, ctx) => trust.add(input, ctx.user),
    'transfer.trust.remove': (input, ctx) => trust.remove(input.name, ctx.user),
    'transfer.sync': (input, ctx) => {
      // Pushing sends this installation's objects away: the caller must also be allowed to export them.
      if (input.direction === 'push' && !holds(ctx, 'transfers.export')) throw authError('FORBIDDEN', 'Pushing exports objects: it needs the permission "transfers.export"', { permission: 'transfers.export' });
      const target = `remote:${input.remote}`;
      const jobId = services.jobs.start('transfer.sync', async (job) => {
        try {
          const report = await sync(transfers, repo, { direction: input.direction, remote: input.remote, token: input.token, actor: ctx.user, job });
          services.audit.append({ actor: ctx.user, action: `transfer.sync.${input.direction}`, target, payload: { ...report, conflicts: report.conflicts.slice(0, 200) } });
          return report;
        } catch (error) {
          services.audit.append({ actor: ctx.user, action: `transfer.sync.${input.direction}`, target, outcome: 'failure', payload: { remote: input.remote, error: (error as Error).message } });
          throw error;
        }
      });
      return { jobId };
    },
  };
}

function bundleBytes(input: { path?: string; content?: string }): Buffer {
  if (input.content !== undefined) return Buffer.from(input.content, 'base64');
  try {
    return readFileSync(input.path as string);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw transferError('FILE_NOT_FOUND', `No bundle at ${input.path as string}`, { path: input.path });
    throw transferError('FILE_UNREADABLE', `Cannot read ${input.path as string}: ${(error as Error).message}`, { path: input.path });
  }
}
