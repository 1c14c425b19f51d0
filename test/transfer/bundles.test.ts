import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAGIC } from '../../electron/core/transfer/bundle-format.js';
import { models, tempDir } from '../helpers/fixtures.js';
import { installation, seedWork, snapshot, type Installation } from './transfer-helpers.js';

interface Exported { bundleId: string; content: string; objects: number; counts: Record<string, number>; encryptedFor: string | null }
interface Preview { bundleId: string; encrypted: boolean; source: { fingerprint: string; display: string; trustedAs: string | null }; objects: Array<{ key: string; kind: string; status: string; reason: string | null }>; counts: Record<string, number>; merged: number }
interface AuditEntry { action: string; outcome: string; target: string }

/** Installation A exports; installation B (its own data dir) verifies, previews and merges. */
describe('signed bundles between two installations', () => {
  const temp = tempDir();
  let a: Installation;
  let b: Installation;
  let runId: string;
  let bundle: Buffer;

  beforeAll(async () => {
    a = installation(temp.dir, 'a');
    b = installation(temp.dir, 'b');
    ({ runId } = await seedWork(a.client));
    const exported = await a.client.job<Exported>('transfer.export', { prompts: ['story'], datasets: ['animals'], runs: [runId] });
    bundle = Buffer.from(exported.content, 'base64');
  }, 120_000);
  afterAll(async () => {
    await a.core.close();
    await b.core.close();
    temp.cleanup();
  });

  test('the bundle is one signed file listing content-addressed objects', async () => {
    expect(bundle.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    const preview = await a.client.call<Preview>('transfer.inspect', { content: bundle.toString('base64') });
    expect(preview.source.trustedAs).toBe('(this installation)');
    expect(preview.objects.map((o) => o.key)).toEqual(expect.arrayContaining(['prompt:story', 'prompt:story@1.0.0', 'prompt:story#labels', 'dataset:animals', 'dataset:animals@1', `run:${runId}`, `run:${runId}#results/00000`]));
    // Everything is already here on A: nothing would change.
    expect(preview.counts).toMatchObject({ new: 0, conflict: 0, corrupt: 0 });
  });

  test('B refuses the bundle until an administrator trusts A, and shows the fingerprint to compare', async () => {
    const aKey = await a.client.call<{ fingerprint: string; display: string; keyFile: string }>('transfer.trust.self', {});
    const preview = await b.client.call<Preview>('transfer.inspect', { content: bundle.toString('base64') });
    expect(preview.source).toMatchObject({ fingerprint: aKey.fingerprint, trustedAs: null });
    expect(preview.counts.new).toBe(preview.objects.length);
    const refused = await b.client.jobFailure('transfer.import', { content: bundle.toString('base64') });
    expect(refused.code).toBe('BUNDLE_SIGNER_UNTRUSTED');
    expect(refused.message).toContain(aKey.display);
    expect((await b.client.call<Array<{ name: string }>>('prompts.list', {})).length).toBe(0);
    // A key file whose fingerprint differs from the one read out over the phone is refused.
    const wrong = await b.client.failure('transfer.trust.add', { name: 'site-a', keyFile: aKey.keyFile, expectFingerprint: '00'.repeat(32) });
    expect(wrong.code).toBe('INVALID_INPUT');
    await b.client.call('transfer.trust.add', { name: 'site-a', keyFile: aKey.keyFile, expectFingerprint: aKey.display });
    expect(await b.client.call<Array<{ name: string; fingerprint: string }>>('transfer.trust.list', {})).toEqual([expect.objectContaining({ name: 'site-a', fingerprint: aKey.fingerprint })]);
  });

  test('a flipped byte names the object; a truncated bundle is refused with a typed error', async () => {
    const preview = await b.client.call<Preview>('transfer.inspect', { content: bundle.toString('base64') });
    const results = preview.objects.find((o) => o.kind === 'eval-results')!;
    // The last object's bytes end the file: flip one in the middle of the results slice.
    const flipped = Buffer.from(bundle);
    const at = flipped.lastIndexOf(Buffer.from('"output"'));
    flipped.writeUInt8(flipped.readUInt8(at + 2) ^ 0x01, at + 2);
    const tampered = await b.client.jobFailure('transfer.import', { content: flipped.toString('base64') });
    expect(tampered.code).toBe('BUNDLE_TAMPERED');
    expect(tampered.message).toContain(results.key);
    const inspected = await b.client.call<Preview>('transfer.inspect', { content: flipped.toString('base64') });
    expect(inspected.objects.filter((o) => o.status === 'corrupt').map((o) => o.key)).toEqual([results.key]);

    const truncated = await b.client.jobFailure('transfer.import', { content: bundle.subarray(0, bundle.length - 10).toString('base64') });
    expect(truncated.code).toBe('BUNDLE_TRUNCATED');
    expect(truncated.message).toContain(results.key);
    expect((await b.client.jobFailure('transfer.import', { content: bundle.subarray(0, 20).toString('base64') })).code).toBe('BUNDLE_TRUNCATED');
    expect((await b.client.call<Array<{ name: string }>>('prompts.list', {})).length).toBe(0);
  });

  test('B previews, then merges in one go: the same objects, with provenance; a second import changes nothing', async () => {
    const dry = await b.client.job<Preview>('transfer.import', { content: bundle.toString('base64'), dryRun: true });
    expect(dry.counts).toMatchObject({ exists: 0, conflict: 0, corrupt: 0 });
    expect(dry.merged).toBe(0);
    expect((await b.client.call<unknown[]>('prompts.list', {})).length).toBe(0);

    const merged = await b.client.job<Preview>('transfer.import', { content: bundle.toString('base64') });
    expect(merged.merged).toBe(merged.objects.length);
    expect(merged.source.trustedAs).toBe('site-a');
    expect(await snapshot(b.client, runId)).toEqual(await snapshot(a.client, runId));

    const provenance = await b.client.call<Array<{ key: string; sourceName: string; bundleId: string; sourceFingerprint: string }>>('transfer.provenance', { prefix: 'prompt:story' });
    expect(provenance.map((p) => p.key).sort()).toEqual(['prompt:story', 'prompt:story#labels', 'prompt:story@1.0.0', 'prompt:story@1.1.0']);
    expect(provenance[0]).toMatchObject({ sourceName: 'site-a', bundleId: merged.bundleId });

    const again = await b.client.job<Preview>('transfer.import', { content: bundle.toString('base64') });
    expect(again.merged).toBe(0);
    expect(again.counts).toMatchObject({ new: 0, conflict: 0, exists: again.objects.length });
    expect(await snapshot(b.client, runId)).toEqual(await snapshot(a.client, runId));

    // Both sides audit the transfer.
    const { entries: aTrail } = await a.client.call<{ entries: AuditEntry[] }>('audit.list', { action: 'transfer.export' });
    expect(aTrail.some((e) => e.target === `bundle:${merged.bundleId}`)).toBe(true);
    const { entries: bTrail } = await b.client.call<{ entries: AuditEntry[] }>('audit.list', { action: 'transfer.import' });
    // The refused attempts (untrusted signer, flipped byte) are on B's trail too.
    expect(bTrail.filter((e) => e.target === `bundle:${merged.bundleId}`).map((e) => e.outcome)).toEqual(expect.arrayContaining(['success', 'failure']));
  });

  test('an immutable version with the same number but other content is a conflict, reported and not merged', async () => {
    // A and B each add their own 1.2.0 of "story"; B's arrives at A.
    await a.client.call('prompts.version', { prompt: 'story', version: '1.2.0', user: 'On A: {{animal}}', message: 'a' });
    await b.client.call('prompts.version', { prompt: 'story', version: '1.2.0', user: 'On B: {{animal}}', message: 'b' });
    const bKey = await b.client.call<{ keyFile: string }>('transfer.trust.self', {});
    await a.client.call('transfer.trust.add', { name: 'site-b', keyFile: bKey.keyFile });
    const fromB = await b.client.job<Exported>('transfer.export', { prompts: ['story'] });
    const result = await a.client.job<Preview>('transfer.import', { content: fromB.content });
    const conflict = result.objects.find((o) => o.key === 'prompt:story@1.2.0')!;
    expect(conflict).toMatchObject({ status: 'conflict', reason: expect.stringContaining('immutable') });
    const kept = await a.client.call<{ version: { user: string } }>('prompts.show', { ref: 'story@1.2.0' });
    expect(kept.version.user).toBe('On A: {{animal}}');
  });

  test('a bundle encrypted for B opens only on B', async () => {
    const sealed = await a.client.job<Exported>('transfer.export', { datasets: ['animals'], recipient: 'site-b' });
    expect(sealed.encryptedFor).toBe('site-b');
    expect(Buffer.from(sealed.content, 'base64').includes(Buffer.from('three animals'))).toBe(false);
    const onB = await b.client.call<Preview>('transfer.inspect', { content: sealed.content });
    expect(onB).toMatchObject({ encrypted: true, source: { trustedAs: 'site-a' } });
    expect((await a.client.failure('transfer.inspect', { content: sealed.content })).code).toBe('BUNDLE_WRONG_RECIPIENT');
  });

  test('removing a trusted installation makes its bundles refused again', async () => {
    const fromB = await b.client.job<Exported>('transfer.export', { datasets: ['animals'] });
    expect(await a.client.call('transfer.trust.remove', { name: 'site-b' })).toEqual({ removed: true });
    expect((await a.client.call<Array<{ name: string }>>('transfer.trust.list', {})).map((t) => t.name)).toEqual([]);
    expect((await a.client.jobFailure('transfer.import', { content: fromB.content })).code).toBe('BUNDLE_SIGNER_UNTRUSTED');
    expect((await a.client.failure('transfer.trust.remove', { name: 'site-b' })).code).toBe('TRUST_NOT_FOUND');
  });

  test('model manifests travel with their approval history but without weights', async () => {
    const model = await a.client.job<{ id: string; name: string; sha256: string }>('models.import', { path: models.stories, name: 'stories-a', approve: true, reason: 'evaluated on the low side' });
    const exported = await a.client.job<Exported>('transfer.export', { models: ['stories-a'] });
    expect(exported.counts).toEqual({ model: 1 });
    // The manifest carries the approval decision with its reason.
    expect(Buffer.from(exported.content, 'base64').includes(Buffer.from('evaluated on the low side'))).toBe(true);
    const imported = await b.client.job<Preview>('transfer.import', { content: exported.content });
    expect(imported.objects).toEqual([expect.objectContaining({ key: `model:${model.sha256}`, status: 'new' })]);
    expect(imported.merged).toBe(1);
    // The library is untouched (no weights came); the manifest is known by its SHA-256 and is not imported twice.
    expect(await b.client.call<unknown[]>('models.list', {})).toEqual([]);
    expect((await b.client.job<Preview>('transfer.import', { content: exported.content })).counts).toMatchObject({ new: 0, exists: 1 });
  });

  test('server-side paths follow the path rules: never inside the data directory; elsewhere the file is written and read', async () => {
    const inside = await a.client.failure('transfer.export', { datasets: ['animals'], path: path.join(a.dataDir, 'out.bundle') });
    expect(inside.code).toBe('PATH_NOT_ALLOWED');
    const file = path.join(temp.dir, 'animals.bundle');
    const written = await a.client.job<Exported & { path: string | null }>('transfer.export', { datasets: ['animals'], path: file });
    expect(written).toMatchObject({ path: file, content: null });
    const preview = await a.client.call<Preview>('transfer.inspect', { path: file });
    expect(preview.bundleId).toBe(written.bundleId);
  });
});
