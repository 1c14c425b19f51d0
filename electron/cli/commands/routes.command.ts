import { AppError } from '../../core/contract/errors.js';
import type { Route, RouteRule } from '../../core/contract/usage.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

export const routesUsage = `  routes add NAME --default MODEL [--rule RULE]... [--fallback M1,M2] [--timeout-ms N] [--retries N] [--backoff-ms N]
             [--cache-any] [--semantic-model M [--threshold 0.95]] [--ttl SECONDS] [--description D]
             a virtual model: RULE is target=MODEL[,max-tokens=N][,max-chars=N][,max-complexity=X][,min-complexity=X][,tags=a+b]
             (first matching rule wins, else --default); named like a library model, it is that model's fallback chain
  routes list | show NAME | remove NAME | explain NAME "prompt" [--tags a,b]   explain: the target a prompt would take`;

const options = {
  default: { type: 'string' },
  rule: { type: 'string', multiple: true },
  fallback: { type: 'string' },
  'timeout-ms': { type: 'string' },
  retries: { type: 'string' },
  'backoff-ms': { type: 'string' },
  'cache-any': { type: 'boolean', default: false },
  'semantic-model': { type: 'string' },
  threshold: { type: 'string' },
  ttl: { type: 'string' },
  description: { type: 'string' },
  tags: { type: 'string' },
} as const;

export async function routesCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  const verb = positionals[0] ?? 'list';
  if (verb === 'list') return cli.out.result(await cli.call('routes.list', {}), (routes: Route[]) => table(routes.map(summaryRow), ['name', 'default', 'rules', 'fallback', 'cache']));
  const name = requirePositional(positionals, 1, 'the route name');
  if (verb === 'show') return cli.out.result(await cli.call('routes.get', { name }));
  if (verb === 'remove') return cli.out.result(await cli.call('routes.remove', { name }), (r: { removed: boolean }) => (r.removed ? `Removed route ${name}` : `No route ${name}`));
  if (verb === 'explain') {
    const prompt = requirePositional(positionals, 2, 'the prompt');
    const tags = values.tags?.split(',').map((t) => t.trim()).filter(Boolean) ?? [];
    return cli.out.result(await cli.call('routes.explain', { name, prompt, tags }), (r: { target: string; rule: number | null; complexity: number; promptTokens: number }) =>
      `${r.target} (${r.rule === null ? 'no rule matched: default' : `rule ${r.rule + 1}`}; complexity ${r.complexity}, ~${r.promptTokens} tokens)`);
  }
  if (verb !== 'add' && verb !== 'set') throw new AppError('INVALID_INPUT', `Unknown command "routes ${verb}"; use add, list, show, remove or explain`);
  if (!values.default) throw new AppError('INVALID_INPUT', 'Give the model requests go to when no rule matches: --default MODEL');
  const semantic = values['semantic-model'] ? { embeddingModel: values['semantic-model'], ...(values.threshold ? { threshold: numberFlag(values.threshold, 'threshold') } : {}) } : undefined;
  const cache = values['cache-any'] || semantic || values.ttl ? { nondeterministic: values['cache-any'], ...(semantic ? { semantic } : {}), ...(values.ttl ? { ttlSeconds: numberFlag(values.ttl, 'ttl') } : {}) } : undefined;
  const definition = {
    name,
    defaultTarget: values.default,
    rules: (values.rule ?? []).map(parseRule),
    fallback: values.fallback?.split(',').map((m) => m.trim()).filter(Boolean) ?? [],
    ...(values.description !== undefined ? { description: values.description } : {}),
    ...(values['timeout-ms'] ? { timeoutMs: numberFlag(values['timeout-ms'], 'timeout-ms') } : {}),
    ...(values.retries ? { retries: numberFlag(values.retries, 'retries') } : {}),
    ...(values['backoff-ms'] ? { backoffMs: numberFlag(values['backoff-ms'], 'backoff-ms') } : {}),
    ...(cache ? { cache } : {}),
  };
  cli.out.result(await cli.call('routes.set', definition), (r: Route) => `Route ${r.name}: ${r.rules.length} rule(s), default ${r.defaultTarget}${r.fallback.length ? `, then ${r.fallback.join(' → ')}` : ''}`);
}

const ruleKeys: Record<string, keyof RouteRule> = {
  target: 'target', 'max-tokens': 'maxPromptTokens', 'max-chars': 'maxPromptChars', 'max-complexity': 'maxComplexity', 'min-complexity': 'minComplexity', tags: 'tags',
};

/** `target=small,max-tokens=200,max-complexity=0.3,tags=chat+faq` → a rule. */
export function parseRule(text: string): RouteRule {
  const rule: Record<string, unknown> = {};
  for (const part of text.split(',')) {
    const [key = '', value = ''] = part.split('=').map((s) => s.trim());
    const field = ruleKeys[key];
    if (!field || value === '') throw new AppError('INVALID_INPUT', `--rule "${text}": "${part}" is not one of ${Object.keys(ruleKeys).join(', ')} with a value`);
    rule[field] = field === 'target' ? value : field === 'tags' ? value.split('+').filter(Boolean) : numberFlag(value, `rule ${key}`);
  }
  if (typeof rule.target !== 'string') throw new AppError('INVALID_INPUT', `--rule "${text}" names no target=MODEL`);
  return rule as RouteRule;
}

function summaryRow(r: Route) {
  return { name: r.name, default: r.defaultTarget, rules: r.rules.map((x) => x.target).join(', ') || '-', fallback: r.fallback.join(' → ') || '-', cache: r.cache ? (r.cache.semantic ? 'semantic' : 'exact') : 'deterministic only' };
}
