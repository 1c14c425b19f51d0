import { AppError } from '../../core/contract/errors.js';
import type { Price, Quota, UsageSummary } from '../../core/contract/usage.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

export const usageUsage = `  usage [--since 7d|24h|ISO] [--by user|group|token|model|endpoint|prompt|route]   tokens, cost, cache hit rate,
             route shares and savings (your own usage; everyone's with usage.read)
  usage cache-clear [--model M]       forget cached answers (all, or one model's)
  quotas set user|group|token NAME [--tokens-per-day N] [--tokens-per-month N] [--cost-per-day X] [--cost-per-month X]
             [--max-request-tokens N] [--rpm N]     refused up front with QUOTA_EXCEEDED (details.resetAt)
  quotas list | remove user|group|token NAME
  prices set [--endpoint local|NAME|*] [--model M|*] [--per-1k-in X] [--per-1k-out X] [--per-second X]
  prices list | remove ENDPOINT MODEL       the local price table (no remote price map); local models by compute second`;

export async function usageCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { since: { type: 'string', default: '7d' }, by: { type: 'string', default: 'user' }, model: { type: 'string' } });
  if (positionals[0] === 'cache-clear') {
    return cli.out.result(await cli.call('usage.cache.clear', values.model ? { model: values.model } : {}), (r: { removed: number }) => `Removed ${r.removed} cached answer(s)`);
  }
  if (positionals.length > 0) throw new AppError('INVALID_INPUT', `Unknown command "usage ${positionals[0]}"; use \`enclave usage [--since 7d] [--by user]\` or \`enclave usage cache-clear [--model M]\``);
  const summary = await cli.call<UsageSummary>('usage.summary', { since: values.since, by: values.by });
  cli.out.result(summary, (s: UsageSummary) => {
    const rows = table(s.rows.map((r) => ({ [s.by]: r.key, requests: r.requests, 'tokens in': r.tokensIn, 'tokens out': r.tokensOut, cost: r.cost, 'cache hits': r.cacheHits, failures: r.failures })),
      [s.by, 'requests', 'tokens in', 'tokens out', 'cost', 'cache hits', 'failures']);
    const routes = s.routes.map((r) => `  ${r.route}: ${r.targets.map((t) => `${t.target} ${Math.round(t.share * 100)}%`).join(', ')}; cost ${r.cost} vs ${r.costIfLargest} on the largest (saving ${r.saving})`);
    return [`Usage since ${s.since} by ${s.by}`, rows, `Cache: ${s.cache.hits + s.cache.semanticHits} of ${s.cache.lookups} lookups hit (${Math.round(s.cache.hitRate * 100)}%, ${s.cache.semanticHits} semantic)`,
      ...(routes.length ? ['Routes:', ...routes] : [])].join('\n');
  });
}

const quotaOptions = {
  'tokens-per-day': { type: 'string' }, 'tokens-per-month': { type: 'string' }, 'cost-per-day': { type: 'string' },
  'cost-per-month': { type: 'string' }, 'max-request-tokens': { type: 'string' }, rpm: { type: 'string' },
} as const;

export async function quotasCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, quotaOptions);
  const verb = positionals[0] ?? 'list';
  if (verb === 'list') {
    return cli.out.result(await cli.call('quotas.list', {}), (quotas: Quota[]) => table(quotas.map((q) => ({ ...q, subject: `${q.subject}:${q.name}` })),
      ['subject', 'tokensPerDay', 'tokensPerMonth', 'costPerDay', 'costPerMonth', 'maxRequestTokens', 'requestsPerMinute']));
  }
  const subject = requirePositional(positionals, 1, 'user, group or token');
  const name = requirePositional(positionals, 2, `the ${subject}'s name`);
  if (verb === 'remove') return cli.out.result(await cli.call('quotas.remove', { subject, name }), (r: { removed: boolean }) => (r.removed ? `Removed the quota of ${subject} ${name}` : `No quota for ${subject} ${name}`));
  if (verb !== 'set') throw new AppError('INVALID_INPUT', `Unknown command "quotas ${verb}"; use set, list or remove`);
  const quota = {
    subject, name,
    tokensPerDay: numberFlag(values['tokens-per-day'], 'tokens-per-day') ?? null,
    tokensPerMonth: numberFlag(values['tokens-per-month'], 'tokens-per-month') ?? null,
    costPerDay: numberFlag(values['cost-per-day'], 'cost-per-day') ?? null,
    costPerMonth: numberFlag(values['cost-per-month'], 'cost-per-month') ?? null,
    maxRequestTokens: numberFlag(values['max-request-tokens'], 'max-request-tokens') ?? null,
    requestsPerMinute: numberFlag(values.rpm, 'rpm') ?? null,
  };
  cli.out.result(await cli.call('quotas.set', quota), (q: Quota) => `Quota set for ${q.subject} ${q.name}`);
}

const priceOptions = { endpoint: { type: 'string', default: '*' }, model: { type: 'string', default: '*' }, 'per-1k-in': { type: 'string' }, 'per-1k-out': { type: 'string' }, 'per-second': { type: 'string' } } as const;

export async function pricesCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, priceOptions);
  const verb = positionals[0] ?? 'list';
  if (verb === 'list') return cli.out.result(await cli.call('prices.list', {}), (prices: Price[]) => table(prices, ['endpoint', 'model', 'per1kInput', 'per1kOutput', 'perComputeSecond', 'updatedBy']));
  if (verb === 'remove') {
    const [endpoint, model] = [requirePositional(positionals, 1, 'the endpoint'), requirePositional(positionals, 2, 'the model')];
    return cli.out.result(await cli.call('prices.remove', { endpoint, model }), (r: { removed: boolean }) => (r.removed ? `Removed the price of ${endpoint}/${model}` : 'No such price'));
  }
  if (verb !== 'set') throw new AppError('INVALID_INPUT', `Unknown command "prices ${verb}"; use set, list or remove`);
  const price = {
    endpoint: values.endpoint, model: values.model,
    per1kInput: numberFlag(values['per-1k-in'], 'per-1k-in') ?? 0,
    per1kOutput: numberFlag(values['per-1k-out'], 'per-1k-out') ?? 0,
    perComputeSecond: numberFlag(values['per-second'], 'per-second') ?? 0,
  };
  cli.out.result(await cli.call('prices.set', price), (p: Price) => `Price set for ${p.endpoint}/${p.model}`);
}
