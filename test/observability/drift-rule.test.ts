import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../native/sqlite/open.js';
import { AlertMonitor } from '../../electron/core/observability/alerts/alert-monitor.js';
import { ObservabilitySettings } from '../../electron/core/observability/store/observability-settings.js';
import { TraceWriter } from '../../electron/core/observability/store/trace-writer.js';
import { EventBus } from '../../electron/core/events/event-bus.js';
import { DriftSchedule } from '../../electron/core/observability/drift/drift-schedule.js';
import { sharedDir, tempDir } from '../helpers/fixtures.js';

const squad = path.join(sharedDir, 'eval/rag/squad2');
const lines = (file: string): string[] => readFileSync(path.join(squad, file), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
const DAY = 86_400_000;

// Real SQLite file, real traces written by the trace writer: last week's inputs are SQuAD questions; this week's are
// either the Wikipedia passages (a different population) or more questions (the same one).
describe('the drift alert rule', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const questions = lines('queries-dev.jsonl');
  const passages = lines('corpus.jsonl');

  function monitorWith(baseline: string[], current: string[], now: number) {
    const { db } = openDatabase(path.join(temp.dir, `${randomUUID()}.sqlite`));
    const writer = new TraceWriter(db);
    const write = (texts: string[], from: number): void => texts.forEach((input, i) => writer.enqueue({
      id: randomUUID(), operation: 'chat', user: 'alice', startMs: from + i * 60_000, durationMs: 10, status: 'ok', errorCode: null,
      input, output: 'ok', acl: [], attrs: {}, spans: [],
    }));
    write(baseline, now - 14 * DAY);
    write(current, now - 7 * DAY);
    writer.flush();
    const audited: unknown[] = [];
    const events = new EventBus();
    const alerted: string[] = [];
    events.subscribe((e) => e.topic === 'audit.alerted' && alerted.push(e.data.rule));
    const monitor = new AlertMonitor(db, new ObservabilitySettings(db), { queue: async (entry) => { audited.push(entry); return { seq: audited.length } as never; } }, events, () => undefined);
    monitor.setRules([{ id: 'weekly-drift', metric: 'drift', comparison: 'above', threshold: 0.1, windowMinutes: 7 * 24 * 60, minRequests: 20 }], 'test');
    return { monitor, alerted, audited, schedule: new DriftSchedule(db, new ObservabilitySettings(db), () => undefined), close: () => db.close() };
  }

  test('fires on two clearly different populations, with an audit entry and the header alert', async () => {
    const now = Date.now();
    const { monitor, alerted, audited, close } = monitorWith(questions.slice(0, 200), passages.slice(0, 200), now);
    const fired = await monitor.evaluate(now);
    expect(fired.map((f) => f.rule)).toEqual(['weekly-drift']);
    expect(fired[0]!.value).toBeGreaterThan(0.1);
    expect(alerted).toEqual(['monitor.weekly-drift']);
    expect(audited).toHaveLength(1);
    // Still drifted a minute later: it does not raise again until it has recovered.
    expect(await monitor.evaluate(now + 60_000)).toEqual([]);
    close();
  }, 60_000);

  test('does not fire on two samples of the same population, nor with too few inputs', async () => {
    const now = Date.now();
    const same = monitorWith(questions.filter((_, i) => i % 2 === 0).slice(0, 200), questions.filter((_, i) => i % 2 === 1).slice(0, 200), now);
    expect(await same.monitor.evaluate(now)).toEqual([]);
    same.close();
    const few = monitorWith(questions.slice(0, 10), passages.slice(0, 10), now);
    expect(await few.monitor.evaluate(now)).toEqual([]);
    few.close();
  }, 60_000);

  test('the weekly check keeps its result, runs again only a week later, and reports too little traffic plainly', async () => {
    const now = Date.now();
    const { schedule, close } = monitorWith(questions.slice(0, 100), passages.slice(0, 100), now);
    expect(schedule.last()).toBeNull();
    const first = schedule.runIfDue(now)!;
    expect(first).toMatchObject({ drifted: true, note: null });
    expect(first.score!).toBeGreaterThan(first.threshold!);
    expect(schedule.last()).toEqual(first);
    expect(schedule.runIfDue(now + DAY)).toBeNull();
    // A week on, both weeks are empty: kept as a result that says why it could not compare.
    const later = schedule.runIfDue(now + 7 * DAY + 1)!;
    expect(later).toMatchObject({ score: null, drifted: false, note: expect.stringMatching(/Too little traffic/) });
    schedule.setConfig({ enabled: false, threshold: null, operation: null }, 'test');
    expect(schedule.runIfDue(now + 30 * DAY)).toBeNull();
    close();
  }, 60_000);
});
