import dns from 'node:dns';
import net from 'node:net';
import { AppError } from '../../electron/core/contract/errors.js';

/**
 * Zero egress: every outbound TCP connection made by this process (http, https, tls, fetch, raw sockets) passes
 * through `net.Socket.prototype.connect`; this guard lets through loopback and the remote endpoints a user
 * configured, and refuses everything else before a packet is sent. Name lookups for other hosts are refused too,
 * so not even a DNS query leaves the machine.
 */
export interface EgressAttempt {
  host: string;
  port: number | undefined;
  allowed: boolean;
  time: string;
}

interface GuardState {
  allowedHosts: Set<string>;
  attempts: EgressAttempt[];
}

const STATE = Symbol.for('enclave.egressGuard');
type Guarded = typeof globalThis & { [STATE]?: GuardState };

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare.startsWith('::ffff:127.');
  return false;
}

/** Installs the guard once per process; later calls only add allowed hosts. Returns the attempts log. */
export function installEgressGuard(allowedHosts: string[] = []): { attempts: EgressAttempt[]; allow(host: string): void } {
  const global = globalThis as Guarded;
  if (!global[STATE]) {
    const state: GuardState = { allowedHosts: new Set(), attempts: [] };
    global[STATE] = state;
    patchSocketConnect(state);
    patchLookup(state);
  }
  const state = global[STATE]!;
  for (const host of allowedHosts) state.allowedHosts.add(host.toLowerCase());
  return { attempts: state.attempts, allow: (host) => state.allowedHosts.add(host.toLowerCase()) };
}

function check(state: GuardState, host: string, port: number | undefined): void {
  const allowed = isLoopback(host) || state.allowedHosts.has(host.toLowerCase());
  state.attempts.push({ host, port, allowed, time: new Date().toISOString() });
  if (state.attempts.length > 1000) state.attempts.splice(0, state.attempts.length - 1000);
  if (!allowed) {
    throw new AppError('EGRESS_BLOCKED', `Enclave does not connect to ${host}${port ? `:${port}` : ''}: it works offline and reaches only this machine`);
  }
}

function patchSocketConnect(state: GuardState): void {
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    // net.connect() and the http/tls stacks pass their normalised [options, callback] pair as the first argument.
    const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    if (first && typeof first === 'object') {
      const options = first as { host?: string; port?: number; path?: string };
      // Unix sockets and named pipes never leave the machine.
      if (options.path === undefined) check(state, options.host ?? 'localhost', options.port);
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      check(state, typeof second === 'string' ? second : 'localhost', Number(first));
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

function patchLookup(state: GuardState): void {
  const original = dns.lookup;
  dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    check(state, hostname, undefined);
    return (original as (...a: unknown[]) => unknown)(hostname, ...rest);
  } as typeof dns.lookup;
  const originalPromise = dns.promises.lookup;
  dns.promises.lookup = async function guardedPromiseLookup(hostname: string, ...rest: unknown[]) {
    check(state, hostname, undefined);
    return (originalPromise as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
  } as typeof dns.promises.lookup;
}
