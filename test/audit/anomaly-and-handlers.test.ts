import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { AnomalyDetector, type AnomalyAlert } from '../../electron/core/audit/anomaly-alerts.js';
import { createAuditHandlers } from '../../electron/core/audit/audit.handlers.js';
import type { AuditEntry } from '../../electron/core/audit/audit.types.js';
import { auditApi } from '../../electron/core/contract/audit.api.js';
import { localContext } from '../../electron/core/contract/context.js';
import type { CoreServices } from '../../electron/core/services/core-services.js';
import { makeTrail, sampleEntries, T0, type Trail } from './audit-fixtures.js';

let trail: Trail;
afterEach(() => trail?.cleanup());

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe('anomaly alerts', () => {
  test('a burst of blocked prompts raises one alert entry, not one per prompt', () => {
    const seen: Array<{ alert: AnomalyAlert; entry: AuditEntry }> = [];
    trail = makeTrail({ onAlert: (alert, entry) => seen.push({ alert, entry }) });
    for (let i = 0; i < 8; i++) trail.audit.append({ actor: 'eve', action: 'inference.generate', outcome: 'blocked', time: at(i * 5) });
    trail.audit.append({ actor: 'bob', action: 'inference.generate', outcome: 'blocked', time: at(41) });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.alert).toMatchObject({ rule: 'blocked-prompts-burst', key: 'eve', count: 5, firstSeq: 1, lastSeq: 5 });
    expect(seen[0]?.entry).toMatchObject({ seq: 6, actor: 'system', action: 'audit.alert', target: 'blocked-prompts-burst:eve' });
    expect(trail.audit.get(6).payload).toMatchObject({ rule: 'blocked-prompts-burst', count: 5 });
    expect(trail.audit.verify().ok).toBe(true);
  });

  test('blocked prompts spread beyond the window raise nothing', () => {
    trail = makeTrail();
    for (let i = 0; i < 10; i++) trail.audit.append({ actor: 'eve', action: 'inference.generate', outcome: 'blocked', time: at(i * 20) });
    expect(trail.audit.list({ action: 'audit.alert', limit: 10 })).toEqual([]);
  });

  test('sign-in failures count per account; bulk exports per user; a later burst alerts again', () => {
    const detector = new AnomalyDetector();
    const alerts: AnomalyAlert[] = [];
    let seq = 0;
    const feed = (action: string, actor: string, target: string, outcome: AuditEntry['outcome'], seconds: number): void => {
      alerts.push(...detector.observe({ seq: ++seq, time: at(seconds).toISOString(), actor, action, target, outcome }));
    };
    for (let i = 0; i < 5; i++) feed('auth.signIn', 'anonymous', i % 2 ? 'user:root' : 'user:alice', 'failure', i);
    expect(alerts).toEqual([]);
    for (let i = 0; i < 3; i++) feed('auth.signIn', 'anonymous', 'user:root', 'failure', 10 + i);
    expect(alerts.map((a) => [a.rule, a.key])).toEqual([['sign-in-failures', 'user:root']]);
    for (let i = 0; i < 3; i++) feed('audit.export', 'mallory', 'file', 'success', 20 + i);
    expect(alerts.map((a) => a.rule)).toEqual(['sign-in-failures', 'bulk-export']);
    for (let i = 0; i < 5; i++) feed('auth.signIn', 'anonymous', 'user:root', 'failure', 400 + i);
    expect(alerts.map((a) => a.rule)).toEqual(['sign-in-failures', 'bulk-export', 'sign-in-failures']);
  });

  test('alert windows are warmed from the trail when a service starts', () => {
    trail = makeTrail();
    trail.clock.now = at(20);
    for (let i = 0; i < 4; i++) trail.audit.append({ actor: 'eve', action: 'x', outcome: 'blocked', time: at(i) });
    const restarted = trail.reopen();
    restarted.append({ actor: 'eve', action: 'x', outcome: 'blocked', time: at(21) });
    expect(restarted.list({ action: 'audit.alert', limit: 5 })).toHaveLength(1);
  });
});

describe('audit handlers', () => {
  test('list, get, verify, export and publicKey return what the contract says', async () => {
    trail = makeTrail();
    trail.audit.appendMany(sampleEntries(12));
    const handlers = createAuditHandlers({ db: trail.db, dataDir: trail.dataDir } as CoreServices, trail.audit);
    const ctx = localContext('test', 'auditor');
    const call = async <M extends keyof typeof auditApi>(method: M, raw: unknown): Promise<unknown> => {
      const input = auditApi[method].input.parse(raw);
      const output = await (handlers[method] as (input: unknown, c: typeof ctx) => unknown)(input, ctx);
      return auditApi[method].output.parse(output);
    };
    const page = (await call('audit.list', { limit: 5, since: '2025-03-01' })) as { entries: AuditEntry[]; nextBeforeSeq: number };
    expect(page.entries.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(page.nextBeforeSeq).toBe(8);
    expect(await call('audit.get', { seq: 3 })).toMatchObject({ seq: 3, payload: { prompt: 'secret prompt 3', tokens: 3 } });
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, entries: 12 });
    const exported = (await call('audit.export', { format: 'jsonl', fileName: 'audit.jsonl' })) as { path: string; entries: number };
    expect(exported).toMatchObject({ entries: 12, path: path.join(trail.dataDir, 'exports', 'audit.jsonl') });
    expect(existsSync(exported.path)).toBe(true);
    expect(trail.audit.list({ action: 'audit.export', limit: 1 })[0]).toMatchObject({ actor: 'auditor', target: exported.path });
    expect(await call('audit.publicKey', {})).toMatchObject({ algorithm: 'Ed25519', pem: expect.stringMatching(/BEGIN PUBLIC KEY/) });
    expect(auditApi['audit.export'].input.safeParse({ fileName: '../../etc/passwd' }).success).toBe(false);
  });
});
