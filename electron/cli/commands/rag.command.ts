import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../../core/contract/errors.js';
import type { AskResult, Hit, IngestReport } from '../../core/contract/rag.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import { guardedEcho } from '../guarded-echo.js';
import type { CliContext } from '../cli-context.js';

const identity = { user: { type: 'string' }, groups: { type: 'string' }, collection: { type: 'string', short: 'c' } } as const;

function collectionOf(values: { collection?: string | undefined }): string {
  if (!values.collection) throw new AppError('INVALID_INPUT', 'Name the collection with --collection <name>');
  return values.collection;
}

export async function ingestCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { ...identity, acl: { type: 'string' }, tags: { type: 'string' }, 'remove-missing': { type: 'boolean', default: false } });
  await cli.actAs(values.user, values.groups);
  if (positionals.length === 0) throw new AppError('INVALID_INPUT', 'Give the files or folders to ingest');
  const report = await cli.runJob<IngestReport>(
    'rag.ingest',
    {
      collection: collectionOf(values),
      paths: positionals,
      acl: values.acl ? values.acl.split(',').map((a) => a.trim()).filter(Boolean) : undefined,
      tags: values.tags ? values.tags.split(',').map((t) => t.trim()).filter(Boolean) : undefined,
      removeMissing: values['remove-missing'],
    },
    (event) => {
      if (event.topic === 'rag.fileProgressed' && event.data.state !== 'extracting') cli.out.progress(`${event.data.done}/${event.data.total} ${event.data.state} ${event.data.path}\n`);
    },
  );
  cli.out.result(report, (r: IngestReport) =>
    [`${r.documents} document(s), ${r.chunks} chunk(s) indexed; ${r.unchanged} unchanged, ${r.updated} updated, ${r.removed} removed`, ...r.skipped.map((s) => `  skipped ${s.path}: ${s.message} [${s.code}]`), ...r.warnings.map((w) => `  note ${w.path}: ${w.message} [${w.code}]`)].join('\n'));
}

const searchOptions = { ...identity, k: { type: 'string' }, mode: { type: 'string' }, queries: { type: 'string' }, source: { type: 'string', multiple: true }, format: { type: 'string', multiple: true }, tag: { type: 'string', multiple: true } } as const;

export async function searchCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, searchOptions);
  await cli.actAs(values.user, values.groups);
  const base = {
    collection: collectionOf(values),
    k: numberFlag(values.k, 'k'),
    mode: values.mode,
    filters: values.source || values.format || values.tag ? { sources: values.source, formats: values.format, tags: values.tag } : undefined,
  };
  if (values.queries) return batchSearch(cli, values.queries, base);
  const query = requirePositional(positionals, 0, 'the search query');
  const result = await cli.call<{ hits: Hit[] }>('rag.search', { ...base, query });
  cli.out.result(result, (r: { hits: Hit[] }) => r.hits.map((h, i) => `${i + 1}. [${h.score.toFixed(4)}] ${h.source}${h.location.page ? ` p.${h.location.page}` : ''}\n   ${h.text.slice(0, 160).replace(/\s+/g, ' ')}`).join('\n') || '(no hits)');
}

/** One search per input line `{ "id", "query" }`, one output line `{ "id", "hits" }` each: batch retrieval evals. */
async function batchSearch(cli: CliContext, file: string, base: Record<string, unknown>): Promise<void> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number++;
      if (line.trim() === '') continue;
      let input: { id?: unknown; query?: unknown };
      try {
        input = JSON.parse(line) as { id?: unknown; query?: unknown };
      } catch {
        process.stdout.write(`${JSON.stringify({ id: null, line: number, error: { code: 'INVALID_INPUT', message: `line ${number} is not JSON` } })}\n`);
        continue;
      }
      const result = await cli.core.dispatch('rag.search', { ...base, query: input.query }, cli.ctx);
      process.stdout.write(`${JSON.stringify(result.ok ? { id: input.id, hits: (result.value as { hits: Hit[] }).hits } : { id: input.id ?? null, line: number, error: result.error })}\n`);
    }
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `Cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function askCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, { ...identity, model: { type: 'string', short: 'm' }, k: { type: 'string' }, prompt: { type: 'string' } });
  await cli.actAs(values.user, values.groups);
  const question = requirePositional(positionals, 0, 'the question');
  const streaming = !cli.out.json;
  const stream = guardedEcho();
  const result = await cli.runJob<AskResult>('rag.ask', { collection: collectionOf(values), question, model: values.model, k: numberFlag(values.k, 'k'), prompt: values.prompt }, (event) => {
    if (streaming && event.topic === 'inference.tokensGenerated') stream.write(event.data.text);
  });
  if (!streaming) return cli.out.result(result);
  stream.finish(result.answer);
  process.stdout.write('\n\n');
  for (const c of result.citations) process.stdout.write(`[${c.n}] ${c.source}${c.location.page ? ` p.${c.location.page}` : ''}\n`);
  for (const u of result.unsupported) process.stdout.write(`unsupported: "${u.sentence}" (${u.reason})\n`);
  process.stderr.write(`trace ${result.traceId}\n`);
}

export async function documentsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, {
    ...identity, offset: { type: 'string' }, limit: { type: 'string' }, sort: { type: 'string' }, order: { type: 'string' }, status: { type: 'string' }, query: { type: 'string' }, format: { type: 'string' },
  });
  await cli.actAs(values.user, values.groups);
  const verb = positionals[0] ?? 'list';
  if (verb === 'list') {
    // Unknown --sort/--order/--status values are refused by the contract's schema with the allowed ones.
    const view = { sort: values.sort, order: values.order, status: values.status, query: values.query, format: values.format };
    return cli.out.result(await cli.call('rag.documents.list', { collection: collectionOf(values), offset: numberFlag(values.offset, 'offset'), limit: numberFlag(values.limit, 'limit'), ...view }));
  }
  if (verb === 'show') {
    const documentId = numberFlag(requirePositional(positionals, 1, 'a document id'), 'id');
    return cli.out.result(await cli.call('rag.documents.get', { collection: collectionOf(values), documentId, offset: numberFlag(values.offset, 'offset'), limit: numberFlag(values.limit, 'limit') }));
  }
  if (verb === 'remove') return cli.out.result(await cli.call('rag.documents.remove', { collection: collectionOf(values), documentId: numberFlag(requirePositional(positionals, 1, 'a document id'), 'id') }));
  throw new AppError('INVALID_INPUT', `Unknown command "documents ${verb}"; use list, show or remove`);
}
