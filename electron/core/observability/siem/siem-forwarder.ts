import dgram from 'node:dgram';
import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';
import type { EgressGuard } from '../../../../native/net/egress-guard.js';
import { AppError } from '../../contract/errors.js';
import type { EventBus } from '../../events/event-bus.js';
import type { ObservabilitySettings } from '../store/observability-settings.js';
import { octetFramed, rfc5424, type SiemAlert } from './siem-format.js';

/** `udp://host:514` or `tcp://host:6514` (syslog, RFC 5424) or `https://host[:port]/path` (a JSON POST per alert). */
export interface SiemConfig {
  url: string | null;
  enabled: boolean;
}

export interface SiemTarget {
  transport: 'udp' | 'tcp' | 'https';
  host: string;
  port: number;
  path: string;
}

const KEY = 'siem.sink';
const TIMEOUT_MS = 5000;

export function parseSiemUrl(url: string): SiemTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_INPUT', `"${url}" is not a SIEM address: use udp://HOST:PORT, tcp://HOST:PORT or https://HOST[:PORT]/PATH`);
  }
  const transport = parsed.protocol.replace(/:$/, '');
  if (transport !== 'udp' && transport !== 'tcp' && transport !== 'https') {
    throw new AppError('INVALID_INPUT', `A SIEM is reached by syslog over udp:// or tcp://, or by https://; "${transport}" is not one of them`);
  }
  const port = parsed.port ? Number(parsed.port) : transport === 'https' ? 443 : 514;
  return { transport, host: parsed.hostname.replace(/^\[|\]$/g, ''), port, path: `${parsed.pathname || '/'}${parsed.search}` };
}

/**
 * Forwards every raised alert to an administrator's SIEM. It listens to the core's `audit.alerted` event — the one
 * both the monitor's threshold rules and the audit trail's anomaly detector raise — so no alert source needs to know
 * about it. The egress guard admits the SIEM's host:port alone (under this core's owner key), and a failed delivery
 * is logged, never thrown into whoever raised the alert.
 */
export class SiemForwarder {
  private readonly unsubscribe: () => void;
  /** Deliveries still in flight (tests wait for them). */
  pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: ObservabilitySettings, events: EventBus, private readonly egress: EgressGuard, private readonly owner: string,
    private readonly log: (message: string) => void) {
    this.admit(this.config());
    this.unsubscribe = events.subscribe((event) => {
      if (event.topic !== 'audit.alerted') return;
      const config = this.config();
      if (!config.enabled || !config.url) return;
      const alert: SiemAlert = { ...event.data, at: new Date().toISOString() };
      const delivery = this.send(parseSiemUrl(config.url), alert).catch((error: unknown) => this.log(`[observability] SIEM delivery to ${config.url} failed: ${(error as Error).message}`));
      this.pending = Promise.all([this.pending, delivery]);
    });
  }

  config(): SiemConfig {
    return this.settings.get<SiemConfig>(KEY, { url: null, enabled: false });
  }

  setConfig(config: SiemConfig, by: string): SiemConfig {
    if (config.url) parseSiemUrl(config.url);
    this.settings.set(KEY, config, by);
    this.admit(config);
    return config;
  }

  /** Sends one test alert now and waits for it (an error names what went wrong). */
  async test(): Promise<{ url: string; sent: string }> {
    const config = this.config();
    if (!config.url) throw new AppError('INVALID_INPUT', 'No SIEM is configured: set one with `enclave monitor siem set udp://HOST:PORT` first');
    const alert: SiemAlert = { rule: 'siem.test', description: 'Enclave SIEM test alert', key: 'test', count: 0, windowMs: 0, firstSeq: 0, lastSeq: 0, at: new Date().toISOString() };
    await this.send(parseSiemUrl(config.url), alert).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      throw new AppError('ENDPOINT_UNREACHABLE', `The SIEM at ${config.url} did not take the test alert: ${(error as Error).message}`, { url: config.url });
    });
    return { url: config.url, sent: rfc5424(alert) };
  }

  close(): void {
    this.unsubscribe();
    this.egress.revoke(this.owner);
  }

  private admit(config: SiemConfig): void {
    if (!config.url) return this.egress.revoke(this.owner);
    const target = parseSiemUrl(config.url);
    this.egress.admit(this.owner, { host: target.host, port: target.port });
  }

  private send(target: SiemTarget, alert: SiemAlert): Promise<void> {
    if (target.transport === 'udp') return sendUdp(target, rfc5424(alert));
    if (target.transport === 'tcp') return sendTcp(target, octetFramed(rfc5424(alert)));
    return sendHttps(target, JSON.stringify({ source: 'enclave', ...alert }));
  }
}

function sendUdp(target: SiemTarget, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // dgram looks up even its implicit 0.0.0.0 bind address; IP literals need no lookup (so the egress guard, which
    // refuses unknown names, is not asked about the wildcard), and a name still goes through the guarded dns.lookup.
    const lookup = (host: string, options: dns.LookupOneOptions, callback: (error: Error | null, address: string, family: number) => void): void => {
      const family = net.isIP(host);
      if (family) callback(null, host, family);
      else dns.lookup(host, options, callback);
    };
    const socket = dgram.createSocket({ type: net.isIPv6(target.host) ? 'udp6' : 'udp4', lookup: lookup as never });
    socket.send(Buffer.from(message, 'utf8'), target.port, target.host, (error) => {
      socket.close();
      if (error) reject(error);
      else resolve();
    });
  });
}

function sendTcp(target: SiemTarget, framed: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`no answer from ${target.host}:${target.port} within ${TIMEOUT_MS} ms`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.end(framed, () => resolve()));
  });
}

function sendHttps(target: SiemTarget, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = https.request({ host: target.host, port: target.port, path: target.path, method: 'POST', timeout: TIMEOUT_MS,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) resolve();
      else reject(new Error(`the SIEM answered HTTP ${status}`));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
