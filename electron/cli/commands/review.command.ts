import { AppError } from '../../core/contract/errors.js';
import type { ReviewDetail, ReviewItem, ReviewResult } from '../../core/contract/review.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const options = {
  status: { type: 'string' },
  limit: { type: 'string' },
  text: { type: 'string' },
  reason: { type: 'string' },
  prompt: { type: 'string' },
  user: { type: 'string' },
  groups: { type: 'string' },
} as const;

/** `enclave review list|show|approve|reject|result|policy`: the review queue from the command line. */
export async function reviewCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  await cli.actAs(values.user, values.groups);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'list': {
      const items = await cli.call<ReviewItem[]>('review.list', { status: values.status ?? 'pending', limit: numberFlag(values.limit, 'limit') ?? 200 });
      return cli.out.result(items, (list: ReviewItem[]) => list.length === 0 ? '(the queue is empty)' : table(list.map((i) => ({
        id: i.id, status: i.status, age: formatAge(i.ageSeconds), requester: i.requester, collection: i.collection ?? '', reasons: i.reasons.join('; '),
      })), ['id', 'status', 'age', 'requester', 'collection', 'reasons']));
    }
    case 'show': {
      const detail = await cli.call<ReviewDetail>('review.show', { reviewId: requirePositional(rest, 0, 'a review id') });
      return cli.out.result(detail, showText);
    }
    case 'approve': {
      // Approving with --text is an edit: the released text is the reviewer's, and the reason is required.
      const reviewId = requirePositional(rest, 0, 'a review id');
      const decision = values.text ? 'edit' : 'approve';
      const item = await cli.call<ReviewItem>('review.decide', { reviewId, decision, text: values.text, reason: values.reason });
      return cli.out.result(item, (i: ReviewItem) => `Review ${i.id} ${i.status}: the answer is released to ${i.requester}`);
    }
    case 'reject': {
      const reviewId = requirePositional(rest, 0, 'a review id');
      const item = await cli.call<ReviewItem>('review.decide', { reviewId, decision: 'reject', reason: values.reason });
      return cli.out.result(item, (i: ReviewItem) => `Review ${i.id} rejected: ${i.requester} is told the answer was not released`);
    }
    case 'result': {
      const result = await cli.call<ReviewResult>('review.result', { reviewId: requirePositional(rest, 0, 'a review id') });
      return cli.out.result(result, (r: ReviewResult) => r.status === 'pending' ? 'Awaiting review' : r.text ?? `Not released: ${r.reason ?? ''}`);
    }
    case 'policy': {
      // `enclave review policy` lists; `enclave review policy --prompt NAME always|unsupported|never` sets.
      if (!values.prompt) return cli.out.result(await cli.call('review.policies.list', {}));
      const policy = requirePositional(rest, 0, 'a policy (always, unsupported or never)');
      return cli.out.result(await cli.call('review.policies.set', { prompt: values.prompt, policy }), () => `Answers framed by "${values.prompt}" now follow the review policy "${policy}"`);
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "review ${verb ?? ''}"; use list, show, approve, reject, result or policy`);
  }
}

export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86_400)}d ${Math.floor((seconds % 86_400) / 3600)}h`;
}

function showText(d: ReviewDetail): string {
  if (d.withheld) return `Review ${d.id} (${d.status}): you may not read every passage this answer was built from`;
  return [
    `Review ${d.id} — ${d.status}, held ${formatAge(d.ageSeconds)} ago for ${d.requester}${d.collection ? ` (collection ${d.collection})` : ''}`,
    `Why: ${d.reasons.join('; ')}`,
    `Question: ${d.question}`,
    `Held answer: ${d.heldOutput}`,
    d.support ? `Support: ${d.support.supported} of ${d.support.sentences} sentences` : '',
    ...d.unsupported.map((u) => `  unsupported: ${u.sentence} (${u.reason})`),
    'Passages:',
    ...d.passages.map((p) => `  [${p.n}] ${p.score.toFixed(3)} ${p.source ?? '(removed)'}: ${(p.text ?? '').slice(0, 200).replace(/\s+/g, ' ')}`),
    'Guard verdicts:',
    ...d.verdicts.map((v) => `  ${v.stage}/${v.scanner}: ${v.outcome}`),
    d.releasedText !== null ? `Released: ${d.releasedText}` : '',
  ].filter(Boolean).join('\n');
}
