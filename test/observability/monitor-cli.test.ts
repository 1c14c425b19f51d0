import dgram from 'node:dgram';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

// The real `enclave monitor siem`, `monitor online` and `drift schedule` commands, each a process of its own; the SIEM is a loopback UDP listener.
describe('enclave monitor siem|online and drift schedule', () => {
  const temp = tempDir();
  const udp = dgram.createSocket('udp4');
  afterAll(() => {
    udp.close();
    temp.cleanup();
  });
  const cli = (args: string[]) => runCli([...args, '--data-dir', path.join(temp.dir, 'data'), '--json'], { timeoutMs: 60_000 });

  test('set, get and test deliver one RFC 5424 line; a bad address is refused', async () => {
    const received: string[] = [];
    udp.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const url = `udp://127.0.0.1:${udp.address().port}`;
    expect((await cli(['monitor', 'siem', 'set', url])).json()).toEqual({ url, enabled: true });
    expect((await cli(['monitor', 'siem', 'get'])).json()).toEqual({ url, enabled: true });
    const sent = await cli(['monitor', 'siem', 'test']);
    expect(sent.code).toBe(0);
    for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received[0]).toMatch(/^<108>1 \S+ \S+ enclave \d+ alert \[enclave@32473 rule="siem\.test" .*\] \uFEFFEnclave SIEM test alert$/);
    const bad = await cli(['monitor', 'siem', 'set', 'ftp://siem.example']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr + bad.stdout).toMatch(/udp:\/\/HOST:PORT/);
  }, 120_000);

  test('drift schedule shows, sets and runs the weekly check; monitor online sets the review threshold', async () => {
    expect((await cli(['drift', 'schedule'])).json()).toEqual({ config: { enabled: true, threshold: null, operation: null }, last: null });
    expect((await cli(['drift', 'schedule', '--threshold', '0.2', '--operation', 'rag.ask'])).json()).toEqual({ enabled: true, threshold: 0.2, operation: 'rag.ask' });
    const run = await cli(['drift', 'schedule', 'run']);
    expect(run.json()).toMatchObject({ score: null, drifted: false, threshold: 0.2, note: expect.stringMatching(/Too little traffic/) });
    expect((await cli(['drift', 'schedule'])).json()).toMatchObject({ last: { note: expect.stringMatching(/Too little traffic/) } });
    expect((await cli(['monitor', 'online', '--review-below', '3'])).json()).toMatchObject({ rate: 0, judgeModel: null, reviewBelow: 3 });
    expect((await cli(['monitor', 'online'])).json()).toMatchObject({ reviewBelow: 3 });
    expect((await cli(['monitor', 'online', '--review-below', 'none'])).json()).toMatchObject({ reviewBelow: null });
  }, 120_000);
});
