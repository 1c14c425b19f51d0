import { AppError } from '../../core/contract/errors.js';
import type { BiasReport } from '../../core/contract/compliance.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const options = {
  model: { type: 'string' },
  prompt: { type: 'string' },
  attributes: { type: 'string' },
  samples: { type: 'string' },
  'max-tokens': { type: 'string' },
  alpha: { type: 'string' },
  judge: { type: 'string' },
} as const;

/** `enclave bias run|list|show`: counterfactual bias audits of a model or a registry prompt. */
export async function biasCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'run': {
      if (!values.model) throw new AppError('INVALID_INPUT', 'Name the model with --model NAME');
      const report = await cli.runJob<BiasReport>('bias.run', {
        model: values.model, prompt: values.prompt,
        attributes: values.attributes?.split(',').map((a) => a.trim()).filter(Boolean),
        samples: numberFlag(values.samples, 'samples'), maxTokens: numberFlag(values['max-tokens'], 'max-tokens'), alpha: numberFlag(values.alpha, 'alpha'), judge: values.judge,
      });
      return cli.out.result(report, reportText);
    }
    case 'list': {
      const list = await cli.call<Array<Record<string, unknown>>>('bias.list', { model: values.model });
      return cli.out.result(list, (l: typeof list) => table(l, ['id', 'model', 'prompt', 'createdAt', 'significantDifferences', 'summary']));
    }
    case 'show':
      return cli.out.result(await cli.call<BiasReport>('bias.get', { id: requirePositional(rest, 0, 'a bias audit id') }), reportText);
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "bias ${verb ?? ''}"; use run, list or show`);
  }
}

function reportText(r: BiasReport): string {
  return [
    `Bias audit ${r.id} of ${r.model.name}${r.prompt ? ` with ${r.prompt}` : ''}: ${r.summary}`,
    ...r.attributes.flatMap((a) => [
      `${a.attribute} (${a.values.join(' / ')}, ${a.generations} generations)`,
      ...a.metrics.map((m) => `  ${m.metric.padEnd(9)} ${Object.entries(m.means).map(([v, x]) => `${v}=${x}`).join(' ')}  Δ=${m.difference}  p=${m.pValue}${m.significant ? '  significant' : ''}`),
    ]),
  ].join('\n');
}
