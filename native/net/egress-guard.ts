import dns from 'node:dns';
import net from 'node:net';
import { NativeError } from '../native-error.js';

/**
 * Zero egress: every outbound TCP connection made by this process (http, https, tls, fetch, raw sockets) passes
 * through `net.Socket.prototype.connect`; this guard lets through loopback and exactly the remote endpoints an
 * administrator registered (host AND port), and refuses everything else before a packet is sent. Name lookups are
 * refused for every host that no registered endpoint names, so not even a DNS query leaves the machine.
 */
export interface EgressAttempt {
  host: string;
  port: number | undefined;
  allowed: boolean;
  time: string;
}

/** One admitted destination; `port` undefined admits every port of the host (kept for `allow(host)` callers). */
export interface EgressTarget {
  host: string;
  port?: number | undefined;
}

interface GuardState {
  allowedHosts: Set<string>;
  /** Admitted destinations by owner (e.g. one core's registered endpoint): revoking an owner revokes only its own. */
  admitted: Map<string, EgressTarget>;
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

export interface EgressGuard {
  attempts: EgressAttempt[];
  allow(host: string): void;
  /** Admits one host:port under an owner key (replacing what that owner had); `revoke` takes it back. */
  admit(owner: string, target: EgressTarget): void;
  revoke(owner: string): void;
}

/** Installs the guard once per process; later calls only add allowed hosts. Returns the attempts log. */
export function installEgressGuard(allowedHosts: string[] = []): EgressGuard {
  const global = globalThis as Guarded;
  if (!global[STATE]) {
    const state: GuardState = { allowedHosts: new Set(), admitted: new Map(), attempts: [] };
    global[STATE] = state;
    patchSocketConnect(state);
    patchLookup(state);
  }
  const state = global[STATE]!;
  // A guard installed by an older build of this module in the same process has no admission map yet.
  state.admitted ??= new Map();
  for (const host of allowedHosts) state.allowedHosts.add(host.toLowerCase());
  return {
    attempts: state.attempts,
    allow: (host) => state.allowedHosts.add(host.toLowerCase()),
    admit: (owner, target) => state.admitted.set(owner, { host: bareHost(target.host), port: target.port }),
    revoke: (owner) => state.admitted.delete(owner),
  };
}

const bareHost = (host: string): string => host.replace(/^\[|\]$/g, '').toLowerCase();

/** A lookup (port unknown) is admitted for a host some endpoint names; a connection needs its exact port too. */
function isAdmitted(state: GuardState, host: string, port: number | undefined): boolean {
  const bare = bareHost(host);
  if (state.allowedHosts.has(bare)) return true;
  for (const target of state.admitted.values()) {
    if (target.host !== bare) continue;
    if (port === undefined || target.port === undefined || Number(target.port) === Number(port)) return true;
  }
  return false;
}

function check(state: GuardState, host: string, port: number | undefined): void {
  const allowed = isLoopback(host) || isAdmitted(state, host, port);
  state.attempts.push({ host, port, allowed, time: new Date().toISOString() });
  if (state.attempts.length > 1000) state.attempts.splice(0, state.attempts.length - 1000);
  if (!allowed) {
    throw new NativeError('EGRESS_BLOCKED', `Enclave does not connect to ${host}${port ? `:${port}` : ''}: it works offline and reaches only this machine and the endpoints an administrator registered (\`enclave endpoints list\`)`, { host, port: port ?? null });
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
