import { readFileSync } from 'node:fs';
import { AppError } from '../../core/contract/errors.js';
import type { AgreementReport } from '../../core/contract/labeling.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

/** The `datasets` verbs of labeling by several experts (issue 14). */
export const labelingVerbs = new Set(['questions', 'assign', 'queue', 'annotate', 'progress', 'agreement', 'adjudicate', 'gold', 'publish-gold']);

export const labelingUsage = `  datasets questions <name> [--file questions.json]   set (or show) the labeling questions: [{"name","type":
                                     rating|label|multi-label|text|ranking|corrected,"options":[...],"guidelines"}]
  datasets assign <name> --labelers a,b,c [--overlap 2]   each case to --overlap labelers, round-robin
  datasets queue <name> | progress <name> | gold <name>   your cases with your labels | per labeler | gold labels
  datasets annotate <name> <case> --labels '{"quality":4}'   your own labels (nobody else's are touched)
  datasets agreement <name> [--json]   Cohen's κ (pairs), Fleiss' κ, Krippendorff's α per question, disagreements
  datasets adjudicate <name> <case> --question Q --value V [--reason R]   the gold label of a disagreement
  datasets publish-gold <name>         gold labels → the cases' human labels (new version) for the judge's agreement`;

const options = {
  file: { type: 'string', short: 'f' },
  labelers: { type: 'string' },
  overlap: { type: 'string' },
  labels: { type: 'string' },
  question: { type: 'string' },
  value: { type: 'string' },
  reason: { type: 'string' },
} as const;

export async function labelingCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  const [verb, ...rest] = positionals;
  const dataset = requirePositional(rest, 0, 'a dataset name');
  switch (verb) {
    case 'questions': {
      if (!values.file) return cli.out.result(await cli.call('labeling.questions.list', { dataset }));
      return cli.out.result(await cli.call('labeling.questions.set', { dataset, questions: readJson(values.file) }), () => `Questions of "${dataset}" saved`);
    }
    case 'assign': {
      if (!values.labelers) throw new AppError('INVALID_INPUT', 'Name the labelers with --labelers a,b,c');
      const labelers = values.labelers.split(',').map((l) => l.trim()).filter(Boolean);
      const result = await cli.call<{ cases: number; assignments: Array<{ labeler: string; cases: number }> }>('labeling.assign', { dataset, labelers, overlap: numberFlag(values.overlap, 'overlap') ?? 2 });
      return cli.out.result(result, (r: typeof result) => `${r.cases} case(s) assigned\n${table(r.assignments, ['labeler', 'cases'])}`);
    }
    case 'queue':
      return cli.out.result(await cli.call('labeling.queue', { dataset }));
    case 'annotate': {
      const caseKey = requirePositional(rest, 1, 'a case key');
      if (!values.labels) throw new AppError('INVALID_INPUT', `Give your labels as JSON: --labels '{"quality":4}'`);
      return cli.out.result(await cli.call('labeling.submit', { dataset, caseKey, labels: parseJson(values.labels, '--labels') }), () => `Saved your labels for ${caseKey}`);
    }
    case 'progress': {
      const progress = await cli.call<Array<{ labeler: string; assigned: number; labeled: number }>>('labeling.progress', { dataset });
      return cli.out.result(progress, (p: typeof progress) => table(p, ['labeler', 'assigned', 'labeled']));
    }
    case 'agreement': {
      const report = await cli.call<AgreementReport>('labeling.agreement', { dataset });
      return cli.out.result(report, agreementText);
    }
    case 'adjudicate': {
      const caseKey = requirePositional(rest, 1, 'a case key');
      if (!values.question || values.value === undefined) throw new AppError('INVALID_INPUT', 'Give --question Q and --value V (JSON for numbers and lists)');
      const value = tryJson(values.value);
      return cli.out.result(await cli.call('labeling.adjudicate', { dataset, caseKey, question: values.question, value, reason: values.reason ?? '' }), () => `Gold label of ${caseKey} / ${values.question} saved`);
    }
    case 'publish-gold':
      return cli.out.result(await cli.call('labeling.publishGold', { dataset }), (r: { version: number; changed: number }) => `${r.changed} case(s) now carry their gold label: version ${r.version}`);
    case 'gold':
      return cli.out.result(await cli.call('labeling.gold', { dataset }));
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "datasets ${verb ?? ''}"`);
  }
}

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function agreementText(r: AgreementReport): string {
  return r.questions.map((q) => [
    `${q.question} (${q.type}): ${q.units} case(s) labeled by two or more of ${q.labelers.join(', ')}`,
    `  Cohen's κ (mean of pairs) ${fmt(q.cohenKappa)}  Fleiss' κ ${fmt(q.fleissKappa)}  Krippendorff's α nominal ${fmt(q.krippendorffAlphaNominal)} ordinal ${fmt(q.krippendorffAlphaOrdinal)}`,
    ...q.disagreements.map((d) => `  disagree ${d.caseKey}: ${Object.entries(d.labels).map(([who, v]) => `${who}=${JSON.stringify(v)}`).join(' ')}${d.gold !== null ? ` gold=${JSON.stringify(d.gold)}` : ''}`),
  ].join('\n')).join('\n') || 'No questions defined';
}

function readJson(file: string): unknown {
  return parseJson(readFileSync(file, 'utf8'), file);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${where} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A value on the command line: JSON when it parses (4, ["a","b"]), else the text itself. */
function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
