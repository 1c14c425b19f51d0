import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../contract/errors.js';
import type { Endpoint, EndpointHealth } from '../../contract/gateway.api.js';
import type { EgressGuard } from '../../../../native/net/egress-guard.js';
import { RemoteClient } from '../remote/remote-client.js';
import type { EndpointKeyVault } from './endpoint-key-vault.js';
import type { EndpointsRepo, StoredEndpoint } from './endpoints.repo.js';

/** Defaults for what an administrator leaves out: a minute of silence, four requests at once. */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_CONCURRENCY = 4;
/** A health check never waits longer than this, whatever the endpoint's generation timeout. */
const TEST_TIMEOUT_MS = 10_000;

export interface EndpointSettingsInput {
  baseUrl?: string | undefined;
  apiKey?: string | null | undefined;
  caPem?: string | null | undefined;
  rejectUnauthorized?: boolean | undefined;
  timeoutMs?: number | undefined;
  maxConcurrency?: number | undefined;
  tpm?: number | null | undefined;
  rpm?: number | null | undefined;
  contextWindow?: number | null | undefined;
}

/**
 * The registry of remote endpoints. It owns three things that must agree: the rows (API keys sealed), the egress
 * guard's admissions (exactly the registered host:port pairs, added and revoked with the rows), and one client per
 * endpoint (rebuilt when its settings change, so a new CA or key takes effect at once).
 */
export class EndpointsService {
  private readonly clients = new Map<string, RemoteClient>();

  /** `owner` scopes this core's admissions in the process-wide guard (several cores may share a process in tests). */
  constructor(private readonly repo: EndpointsRepo, private readonly vault: EndpointKeyVault, private readonly egress: EgressGuard, private readonly owner: string) {
    for (const endpoint of repo.list()) this.admit(endpoint);
  }

  list(): Endpoint[] {
    const counts = this.repo.modelCounts();
    return this.repo.list().map((e) => publicEndpoint(e, counts.get(e.id) ?? 0));
  }

  get(name: string): Endpoint {
    const endpoint = this.find(name);
    return publicEndpoint(endpoint, this.repo.modelCounts().get(endpoint.id) ?? 0);
  }

  find(name: string): StoredEndpoint {
    const endpoint = this.repo.byName(name);
    if (!endpoint) throw notFound(name);
    return endpoint;
  }

  add(input: EndpointSettingsInput & { name: string; baseUrl: string }, actor: string): Endpoint {
    if (this.repo.byName(input.name)) throw new AppError('ENDPOINT_EXISTS', `An endpoint named "${input.name}" is registered already; remove it first or choose another name`, { endpoint: input.name });
    const id = randomUUID();
    const now = new Date().toISOString();
    const endpoint: StoredEndpoint = {
      id, name: input.name, baseUrl: normaliseBaseUrl(input.baseUrl),
      apiKeySealed: input.apiKey ? this.vault.seal(id, input.apiKey) : null,
      caPem: input.caPem ?? null, rejectUnauthorized: input.rejectUnauthorized ?? true,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxConcurrency: input.maxConcurrency ?? DEFAULT_CONCURRENCY,
      tpm: input.tpm ?? null, rpm: input.rpm ?? null, contextWindow: input.contextWindow ?? null, health: null,
      createdBy: actor, createdAt: now, updatedAt: now,
    };
    this.repo.insert(endpoint);
    this.admit(endpoint);
    return this.get(endpoint.name);
  }

  update(name: string, input: EndpointSettingsInput): Endpoint {
    const current = this.find(name);
    const pick = <K extends keyof EndpointSettingsInput>(key: K, fallback: NonNullable<unknown> | null): never => (input[key] === undefined ? fallback : input[key]) as never;
    const next: StoredEndpoint = {
      ...current,
      baseUrl: input.baseUrl ? normaliseBaseUrl(input.baseUrl) : current.baseUrl,
      apiKeySealed: input.apiKey === undefined ? current.apiKeySealed : input.apiKey === null ? null : this.vault.seal(current.id, input.apiKey),
      caPem: pick('caPem', current.caPem),
      rejectUnauthorized: pick('rejectUnauthorized', current.rejectUnauthorized),
      timeoutMs: pick('timeoutMs', current.timeoutMs),
      maxConcurrency: pick('maxConcurrency', current.maxConcurrency),
      tpm: pick('tpm', current.tpm),
      rpm: pick('rpm', current.rpm),
      contextWindow: pick('contextWindow', current.contextWindow),
      updatedAt: new Date().toISOString(),
    };
    this.repo.update(next);
    this.dropClient(current.id);
    this.admit(next);
    return this.get(name);
  }

  /** The row goes, and with it the egress admission and the client; the caller takes its models out of the library. */
  remove(name: string): StoredEndpoint {
    const endpoint = this.find(name);
    this.repo.remove(endpoint.id);
    this.egress.revoke(this.admissionKey(endpoint.id));
    this.dropClient(endpoint.id);
    return endpoint;
  }

  /** Lists the endpoint's models and times it; the result is kept as the endpoint's health. */
  async test(name: string): Promise<EndpointHealth> {
    const endpoint = this.find(name);
    const started = performance.now();
    let health: EndpointHealth;
    try {
      const models = await this.clientFor(endpoint).models({ timeoutMs: Math.min(endpoint.timeoutMs, TEST_TIMEOUT_MS) });
      health = { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100, models: models.map((m) => m.id), at: new Date().toISOString(), error: null };
    } catch (error) {
      if (!isAppError(error)) throw error;
      health = { ok: false, latencyMs: null, models: [], at: new Date().toISOString(), error: { code: error.code, message: error.message } };
    }
    this.repo.recordHealth(endpoint.id, health);
    return health;
  }

  /** The client of a registered endpoint by id (what a remote model names); the key is unsealed into it, in memory. */
  client(endpointId: string): RemoteClient {
    const endpoint = this.repo.byId(endpointId);
    if (!endpoint) throw new AppError('ENDPOINT_NOT_FOUND', 'The endpoint that served this model was removed; register it again (`enclave endpoints add`) and discover its models', { endpointId });
    return this.clientFor(endpoint);
  }

  /** What the gateway assumes for a model when the server does not say its context. */
  configuredContext(endpointId: string): number | null {
    return this.repo.byId(endpointId)?.contextWindow ?? null;
  }

  clientFor(endpoint: StoredEndpoint): RemoteClient {
    const cached = this.clients.get(endpoint.id);
    if (cached) return cached;
    const client = new RemoteClient({
      name: endpoint.name, baseUrl: endpoint.baseUrl, caPem: endpoint.caPem, rejectUnauthorized: endpoint.rejectUnauthorized,
      timeoutMs: endpoint.timeoutMs, maxConcurrency: endpoint.maxConcurrency,
      apiKey: endpoint.apiKeySealed ? this.vault.open(endpoint.id, endpoint.name, endpoint.apiKeySealed) : undefined,
    });
    this.clients.set(endpoint.id, client);
    return client;
  }

  /** Revokes this core's admissions and closes its connections. */
  close(): void {
    for (const endpoint of this.repo.list()) this.egress.revoke(this.admissionKey(endpoint.id));
    for (const id of [...this.clients.keys()]) this.dropClient(id);
  }

  private admit(endpoint: StoredEndpoint): void {
    const url = new URL(endpoint.baseUrl);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    this.egress.admit(this.admissionKey(endpoint.id), { host: url.hostname, port });
  }

  private admissionKey(endpointId: string): string {
    return `${this.owner}#endpoint:${endpointId}`;
  }

  private dropClient(id: string): void {
    this.clients.get(id)?.close();
    this.clients.delete(id);
  }
}

/** `https://host:8443/v1/` and `https://host:8443` are the same endpoint: the client appends `/v1/...` itself. */
export function normaliseBaseUrl(value: string): string {
  const url = new URL(value.trim());
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return url.toString().replace(/\/+$/, '');
}

function publicEndpoint(e: StoredEndpoint, models: number): Endpoint {
  return {
    id: e.id, name: e.name, baseUrl: e.baseUrl, hasApiKey: e.apiKeySealed !== null, hasCa: e.caPem !== null,
    rejectUnauthorized: e.rejectUnauthorized, timeoutMs: e.timeoutMs, maxConcurrency: e.maxConcurrency, tpm: e.tpm, rpm: e.rpm,
    contextWindow: e.contextWindow, models, health: e.health, createdBy: e.createdBy, createdAt: e.createdAt, updatedAt: e.updatedAt,
  };
}

function notFound(name: string): AppError {
  return new AppError('ENDPOINT_NOT_FOUND', `No endpoint "${name}"; list them with \`enclave endpoints list\``, { endpoint: name });
}
