import dgram from 'node:dgram';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import { createInProcessCore, type CoreHandle } from '../../electron/core/host/core-handle.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { models, tempDir } from '../helpers/fixtures.js';

/** RFC 5424: <PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA SP MSG. */
const RFC5424 = /^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (\S+) enclave (\d+) alert (\[enclave@32473(?: \w+="(?:[^"\\\]]|\\["\\\]])*")+\]) \uFEFF(.+)$/;

// A real core raising a real monitor alert; real loopback UDP and TCP listeners play the SIEM.
describe('alerts to a SIEM', () => {
  const temp = tempDir();
  let core: CoreHandle;
  let api: ReturnType<typeof coreClient>;
  const udp = dgram.createSocket('udp4');
  const received: string[] = [];

  beforeAll(async () => {
    udp.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
    api = coreClient(core, localContext('test'));
    await api.job('models.import', { path: models.stories, name: 'stories', approve: true });
  }, 120_000);
  afterAll(async () => {
    await core.close();
    udp.close();
    temp.cleanup();
  });

  test('a monitor alert that fires arrives at a syslog UDP listener as one well-formed RFC 5424 line', async () => {
    const url = `udp://127.0.0.1:${udp.address().port}`;
    expect(await api.call('monitor.siem.set', { url, enabled: true })).toEqual({ url, enabled: true });
    expect(await api.call('monitor.siem.get', {})).toEqual({ url, enabled: true });
    // Any answer is slower than 0 ms: this rule fires on the first generation.
    await api.call('monitor.alerts.set', { rules: [{ id: 'any-latency', metric: 'p95LatencyMs', comparison: 'above', threshold: 0, windowMinutes: 10, minRequests: 1 }] });
    await api.job('inference.generate', { model: 'stories', prompt: 'Once upon a time', maxTokens: 4, temperature: 0, seed: 1 });
    const { fired } = await api.call<{ fired: Array<{ rule: string }> }>('monitor.alerts.evaluate', {});
    expect(fired.map((f) => f.rule)).toEqual(['any-latency']);
    await waitFor(() => received.length > 0);
    const match = RFC5424.exec(received[0]!);
    expect(match, received[0]).not.toBeNull();
    expect(Number(match![1])).toBe(13 * 8 + 4);
    expect(match![5]).toContain('rule="monitor.any-latency"');
    expect(match![6]).toMatch(/^Monitor: p95LatencyMs above 0 over 10 min/);
  }, 60_000);

  test('syslog over TCP is octet-framed (RFC 6587); monitor siem test delivers one line', async () => {
    const frames: string[] = [];
    const server = net.createServer((socket) => {
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('utf8')));
      socket.on('end', () => frames.push(data));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      await api.call('monitor.siem.set', { url, enabled: true });
      const result = await api.call<{ sent: string }>('monitor.siem.test', {});
      await waitFor(() => frames.length > 0);
      const [length, ...rest] = frames[0]!.split(' ');
      const message = rest.join(' ');
      expect(Number(length)).toBe(Buffer.byteLength(message));
      expect(message).toMatch(RFC5424);
      expect(message).toContain('rule="siem.test"');
      expect(result.sent).toMatch(RFC5424);
    } finally {
      server.close();
    }
  });

  test('the egress guard admits the SIEM host:port alone; an unreachable SIEM fails the test with the reason', async () => {
    await api.call('monitor.siem.set', { url: 'tcp://10.255.255.1:6514', enabled: true });
    // Another port of the same host is refused before a packet is sent.
    expect(() => net.connect({ host: '10.255.255.1', port: 6515 })).toThrow(/does not connect to 10\.255\.255\.1:6515/);
    const admitted = net.connect({ host: '10.255.255.1', port: 6514 });
    admitted.on('error', () => undefined);
    admitted.destroy();
    await api.call('monitor.siem.set', { url: 'tcp://127.0.0.1:1', enabled: true });
    await expect(api.call('monitor.siem.test', {})).rejects.toMatchObject({ code: 'ENDPOINT_UNREACHABLE' });
    expect(() => net.connect({ host: '10.255.255.1', port: 6514 })).toThrow(/does not connect/);
    await expect(api.call('monitor.siem.set', { url: 'ftp://siem.example:21', enabled: true })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

async function waitFor(ready: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
