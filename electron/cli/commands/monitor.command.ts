import { AppError } from '../../core/contract/errors.js';
import type { Output } from '../../core/contract/api.js';
import { numberFlag, parse } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const options = {
  since: { type: 'string' },
  until: { type: 'string' },
  'group-by': { type: 'string' },
  model: { type: 'string' },
  prompt: { type: 'string' },
  collection: { type: 'string' },
  operation: { type: 'string' },
  endpoint: { type: 'string' },
  points: { type: 'string' },
  disable: { type: 'boolean' },
  rate: { type: 'string' },
  'judge-model': { type: 'string' },
  criterion: { type: 'string' },
  'review-below': { type: 'string' },
} as const;

type Summary = Output<'monitor.summary'>;

/** `enclave monitor summary [--since 1h] [--until T] [--group-by model|prompt|collection|user|endpoint|operation] [--json]`. */
export async function monitorCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  const verb = positionals[0];
  if (verb === 'alerts') {
    // `monitor alerts` lists the rules; `monitor alerts evaluate` checks them now (background shells do every minute).
    if (positionals[1] === 'evaluate') return cli.out.result(await cli.call('monitor.alerts.evaluate', {}), (r: { fired: Array<{ description: string }> }) =>
      r.fired.length === 0 ? 'No rule started firing' : r.fired.map((f) => `ALERT ${f.description}`).join('\n'));
    return cli.out.result(await cli.call('monitor.alerts.get', {}));
  }
  if (verb === 'online') {
    // `monitor online` shows online evaluation; any flag changes it (the rest kept): --rate 0.1 --judge-model M
    // [--criterion T] [--review-below 3] (`none` clears the judge or the review threshold).
    const current = await cli.call<Output<'monitor.online.get'>>('monitor.online.get', {});
    if (values.rate === undefined && values['judge-model'] === undefined && values.criterion === undefined && values['review-below'] === undefined) return cli.out.result(current);
    const orNone = (v: string | undefined, keep: number | null, name: string): number | null => (v === undefined ? keep : v === 'none' ? null : numberFlag(v, name) ?? null);
    return cli.out.result(await cli.call('monitor.online.set', {
      ...current, rate: numberFlag(values.rate, 'rate') ?? current.rate,
      judgeModel: values['judge-model'] === undefined ? current.judgeModel : values['judge-model'] === 'none' ? null : values['judge-model'],
      criterion: values.criterion ?? current.criterion, reviewBelow: orNone(values['review-below'], current.reviewBelow, 'review-below'),
    }));
  }
  if (verb === 'siem') {
    // `monitor siem get | set URL [--disable] | set none | test`: where every raised alert is forwarded.
    const action = positionals[1] ?? 'get';
    if (action === 'get') return cli.out.result(await cli.call('monitor.siem.get', {}));
    if (action === 'test') return cli.out.result(await cli.call('monitor.siem.test', {}), (r: { url: string; sent: string }) => `Sent to ${r.url}:\n${r.sent}`);
    if (action !== 'set' || !positionals[2]) throw new AppError('INVALID_INPUT', 'Use `enclave monitor siem set udp://HOST:PORT|tcp://HOST:PORT|https://HOST/PATH|none [--disable]`, `get` or `test`');
    const url = positionals[2] === 'none' ? null : positionals[2];
    return cli.out.result(await cli.call('monitor.siem.set', { url, enabled: url !== null && !values.disable }));
  }
  if (verb !== 'summary') throw new AppError('INVALID_INPUT', `Unknown command "monitor ${verb ?? ''}"; use summary, alerts, online or siem`);
  const summary = await cli.call<Summary>('monitor.summary', {
    since: values.since ?? '1h', until: values.until, groupBy: values['group-by'], points: numberFlag(values.points, 'points'),
    filters: { model: values.model, prompt: values.prompt, collection: values.collection, operation: values.operation, endpoint: values.endpoint },
  });
  cli.out.result(summary, summaryText);
}

function summaryText(s: Summary): string {
  const t = s.totals;
  const ms = (v: number | null): string => (v === null ? '-' : `${Math.round(v)} ms`);
  const lines = [
    `${s.from} .. ${s.to}`,
    `requests ${t.requests}, errors ${t.errors} (${(t.errorRate * 100).toFixed(1)}%)${Object.keys(t.errorsByCode).length ? `: ${Object.entries(t.errorsByCode).map(([c, n]) => `${c} ${n}`).join(', ')}` : ''}`,
    `latency p50 ${ms(t.latencyMs.p50)}, p95 ${ms(t.latencyMs.p95)}, p99 ${ms(t.latencyMs.p99)}; first token p50 ${ms(t.ttftMs.p50)}, p95 ${ms(t.ttftMs.p95)}`,
    `tokens ${t.inputTokens} in / ${t.outputTokens} out${t.tokensPerSecond !== null ? `, ${t.tokensPerSecond} tokens/s` : ''}, cost ${t.cost}`,
    `feedback ${t.feedback.up} up / ${t.feedback.down} down; judge ${t.judge.mean ?? '-'} (${t.judge.count}); cache hit rate ${t.cacheHitRate ?? '-'}`,
  ];
  if (s.groups.length > 0) {
    lines.push('', table(s.groups.map((g) => ({ key: g.key || '(none)', requests: g.requests, errors: g.errors, p50: ms(g.latencyMs.p50), p95: ms(g.latencyMs.p95), tokens: `${g.inputTokens}/${g.outputTokens}` })),
      ['key', 'requests', 'errors', 'p50', 'p95', 'tokens']));
  }
  return lines.join('\n');
}
