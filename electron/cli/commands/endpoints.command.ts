import { readFileSync } from 'node:fs';
import { AppError } from '../../core/contract/errors.js';
import type { Endpoint, EndpointHealth } from '../../core/contract/gateway.api.js';
import type { Model } from '../../core/contract/schemas.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';
import { readSecret } from './login.command.js';

const endpointOptions = {
  'api-key-stdin': { type: 'boolean', default: false },
  'no-api-key': { type: 'boolean', default: false },
  ca: { type: 'string' },
  'no-ca': { type: 'boolean', default: false },
  'insecure-skip-tls-verify': { type: 'boolean', default: false },
  'verify-tls': { type: 'boolean', default: false },
  'timeout-ms': { type: 'string' },
  concurrency: { type: 'string' },
  tpm: { type: 'string' },
  rpm: { type: 'string' },
  context: { type: 'string' },
  discover: { type: 'boolean', default: false },
} as const;

type Values = { [K in keyof typeof endpointOptions]?: string | boolean | undefined };

function rows(endpoints: Endpoint[]): Array<Record<string, unknown>> {
  return endpoints.map((e) => ({
    name: e.name, url: e.baseUrl, key: e.hasApiKey ? 'sealed' : 'none', tls: e.baseUrl.startsWith('https:') ? (e.hasCa ? 'private CA' : e.rejectUnauthorized ? 'system CAs' : 'NOT VERIFIED') : '-',
    models: e.models, health: healthText(e.health), limits: [e.maxConcurrency && `${e.maxConcurrency} at once`, e.tpm && `${e.tpm} tpm`, e.rpm && `${e.rpm} rpm`].filter(Boolean).join(', '),
  }));
}

function healthText(health: EndpointHealth | null): string {
  if (!health) return 'not tested';
  return health.ok ? `ok ${health.latencyMs} ms` : `failing: ${health.error?.code ?? 'error'}`;
}

/** The CA is read here, on the caller's machine, and sent as PEM text: the core never opens a path for it. */
function caPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `Cannot read the CA file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The settings common to add and update, from flags; the key only ever from stdin (never argv, never the environment). */
async function settings(values: Values): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (values['api-key-stdin']) {
    const key = (await readSecret('API key: ')).trim();
    if (!key) throw new AppError('INVALID_INPUT', 'No API key on stdin; pipe it in, e.g. `enclave endpoints add NAME URL --api-key-stdin < key.txt`');
    out.apiKey = key;
  }
  if (values['no-api-key']) out.apiKey = null;
  if (typeof values.ca === 'string') out.caPem = caPem(values.ca);
  if (values['no-ca']) out.caPem = null;
  if (values['insecure-skip-tls-verify']) out.rejectUnauthorized = false;
  if (values['verify-tls']) out.rejectUnauthorized = true;
  const numbers: Array<[keyof Values, string]> = [['timeout-ms', 'timeoutMs'], ['concurrency', 'maxConcurrency'], ['tpm', 'tpm'], ['rpm', 'rpm'], ['context', 'contextWindow']];
  for (const [flag, key] of numbers) {
    const value = numberFlag(values[flag] as string | undefined, flag);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `enclave endpoints add|list|update|test|discover|remove`: remote OpenAI-compatible endpoints (administrators). */
export async function endpointsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, endpointOptions);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'add': {
      const name = requirePositional(rest, 0, 'the endpoint name');
      const baseUrl = requirePositional(rest, 1, 'the endpoint URL (e.g. https://llm.cluster.lan:8443)');
      const result = await cli.call<{ endpoint: Endpoint; discovered: Model[] | null }>('endpoints.add', { name, baseUrl, ...(await settings(values as Values)), discover: values.discover });
      cli.out.result(result, (r: { endpoint: Endpoint; discovered: Model[] | null }) => [
        `Added endpoint ${r.endpoint.name} (${r.endpoint.baseUrl})${r.endpoint.hasApiKey ? ', API key sealed' : ''}`,
        r.discovered ? discoveredText(r.discovered) : `Discover its models with \`enclave endpoints discover ${r.endpoint.name}\``,
      ].join('\n'));
      return;
    }
    case 'update': {
      const name = requirePositional(rest, 0, 'the endpoint name');
      const baseUrl = rest[1];
      const endpoint = await cli.call<Endpoint>('endpoints.update', { name, ...(baseUrl ? { baseUrl } : {}), ...(await settings(values as Values)) });
      cli.out.result(endpoint, (e: Endpoint) => `Updated endpoint ${e.name} (${e.baseUrl})`);
      return;
    }
    case 'list':
    case 'ls': {
      const endpoints = await cli.call<Endpoint[]>('endpoints.list', {});
      cli.out.result(endpoints, (all: Endpoint[]) => table(rows(all), ['name', 'url', 'key', 'tls', 'models', 'health', 'limits']));
      return;
    }
    case 'test': {
      const name = requirePositional(rest, 0, 'the endpoint name');
      const health = await cli.call<EndpointHealth>('endpoints.test', { name });
      cli.out.result(health, (h: EndpointHealth) => (h.ok ? `${name}: ok in ${h.latencyMs} ms, ${h.models.length} model(s): ${h.models.join(', ')}` : `${name}: ${h.error?.message ?? 'failing'} [${h.error?.code}]`));
      if (!health.ok) process.exitCode = 1;
      return;
    }
    case 'discover': {
      const name = requirePositional(rest, 0, 'the endpoint name');
      const result = await cli.call<{ added: Model[]; known: string[]; gone: string[] }>('endpoints.discover', { name });
      cli.out.result(result, (r: { added: Model[]; known: string[]; gone: string[] }) => [
        discoveredText(r.added),
        ...(r.known.length ? [`Already in the library: ${r.known.join(', ')}`] : []),
        ...(r.gone.length ? [`No longer listed by the endpoint: ${r.gone.join(', ')}`] : []),
      ].join('\n'));
      return;
    }
    case 'remove':
    case 'rm': {
      const name = requirePositional(rest, 0, 'the endpoint name');
      const result = await cli.call<{ removed: string; modelsRemoved: string[] }>('endpoints.remove', { name });
      cli.out.result(result, (r: { modelsRemoved: string[] }) => `Removed endpoint ${name}; Enclave no longer connects to it${r.modelsRemoved.length ? `. Its models left the library: ${r.modelsRemoved.join(', ')}` : ''}`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', 'Usage: enclave endpoints add NAME URL [--api-key-stdin] [--ca FILE] [--timeout-ms N] [--concurrency N] [--tpm N] [--rpm N] [--discover] | list | test NAME | discover NAME | update NAME [URL] … | remove NAME');
  }
}

function discoveredText(models: Model[]): string {
  if (models.length === 0) return 'No new models';
  return `New models (pending approval; \`enclave models approve NAME\`): ${models.map((m) => m.name).join(', ')}`;
}
