import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';
import { installation } from './transfer-helpers.js';

interface Preview { source: { trustedAs: string | null; display: string }; counts: { new: number; exists: number; conflict: number; corrupt: number }; merged: number; dryRun: boolean }

/** The `enclave bundle` and `enclave trust` commands between two data directories, as an operator runs them. */
describe('enclave bundle / trust', () => {
  const temp = tempDir();
  const dirA = path.join(temp.dir, 'a');
  const dirB = path.join(temp.dir, 'b');
  const bundle = path.join(temp.dir, 'work.bundle');
  const key = path.join(temp.dir, 'a.key');
  const on = (dir: string, ...args: string[]) => runCli([...args, '--data-dir', dir, '--json'], { timeoutMs: 90_000 });

  beforeAll(async () => {
    const a = installation(temp.dir, 'a');
    await a.client.call('prompts.create', { name: 'triage', user: 'Sort this ticket: {{ticket}}' });
    await a.client.call('eval.datasets.import', { name: 'tickets', content: '{"id":"t1","vars":{"ticket":"printer on fire"},"expected":"urgent"}', format: 'jsonl' });
    await a.core.close();
  });
  afterAll(() => temp.cleanup());

  test('export, refuse until trusted, trust with the fingerprint, import, refuse a damaged copy', async () => {
    const exported = await on(dirA, 'bundle', 'export', '--out', bundle, '--prompts', 'triage', '--datasets', 'tickets');
    expect(exported.code).toBe(0);
    expect(exported.json<{ objects: number; path: string }>()).toMatchObject({ objects: 4, path: bundle });
    const self = await on(dirA, 'trust', 'self', '--out', key);
    const { display } = self.json<{ display: string }>();

    const refused = await on(dirB, 'bundle', 'import', bundle);
    expect(refused.code).not.toBe(0);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'BUNDLE_SIGNER_UNTRUSTED', message: expect.stringContaining(display) });

    expect((await on(dirB, 'trust', 'add', 'site-a', '--key-file', key, '--fingerprint', display)).code).toBe(0);
    // (Each command is a process start on a loaded machine: dry runs, repeats and listing are covered in bundles.test.ts.)
    expect((await on(dirB, 'bundle', 'import', bundle)).json<Preview>()).toMatchObject({ merged: 4, dryRun: false, source: { trustedAs: 'site-a', display }, counts: { new: 4, conflict: 0, corrupt: 0 } });

    // A damaged copy is refused with the object named and a non-zero exit.
    const damaged = path.join(temp.dir, 'damaged.bundle');
    const bytes = readFileSync(bundle);
    const at = bytes.lastIndexOf(Buffer.from('printer on fire'));
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x20, at);
    writeFileSync(damaged, bytes);
    const tampered = await on(dirB, 'bundle', 'import', damaged);
    expect(tampered.code).not.toBe(0);
    expect(tampered.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'BUNDLE_TAMPERED', message: expect.stringContaining('dataset:tickets@1') });
  }, 300_000);
});
