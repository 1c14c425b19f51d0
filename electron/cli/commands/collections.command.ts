import { AppError } from '../../core/contract/errors.js';
import type { Collection, CollectionSettingsPatch } from '../../core/contract/rag.api.js';
import { numberFlag, parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const options = {
  'embedding-model': { type: 'string' },
  'answer-model': { type: 'string' },
  strategy: { type: 'string' },
  'chunk-tokens': { type: 'string' },
  overlap: { type: 'string' },
  k: { type: 'string' },
  mode: { type: 'string' },
  quantization: { type: 'string' },
  'min-relevance': { type: 'string' },
  unsupported: { type: 'string' },
  'min-supported': { type: 'string' },
  review: { type: 'string' },
  user: { type: 'string' },
  groups: { type: 'string' },
} as const;

type Values = ReturnType<typeof parse<typeof options>>['values'];

function settingsPatch(values: Values): CollectionSettingsPatch {
  const chunking = prune({ strategy: values.strategy, chunkTokens: numberFlag(values['chunk-tokens'], 'chunk-tokens'), overlapTokens: numberFlag(values.overlap, 'overlap') });
  const retrieval = prune({ k: numberFlag(values.k, 'k'), mode: values.mode, minRelevance: numberFlag(values['min-relevance'], 'min-relevance') });
  const answer = prune({ model: values['answer-model'], unsupported: values.unsupported, minSupported: numberFlag(values['min-supported'], 'min-supported'), review: values.review });
  return prune({
    embeddingModel: values['embedding-model'],
    quantization: values.quantization,
    chunking: Object.keys(chunking).length ? chunking : undefined,
    retrieval: Object.keys(retrieval).length ? retrieval : undefined,
    answer: Object.keys(answer).length ? answer : undefined,
  }) as CollectionSettingsPatch;
}

export async function collectionsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, options);
  await cli.actAs(values.user, values.groups);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'create': {
      const name = requirePositional(rest, 0, 'a collection name');
      const collection = await cli.call<Collection>('rag.collections.create', { name, settings: settingsPatch(values) });
      return cli.out.result(collection, (c: Collection) => `Created collection "${c.name}" (${c.settings.embeddingModel ? 'hybrid search' : 'full-text search only: no embedding model'})`);
    }
    case 'list': {
      const list = await cli.call<Collection[]>('rag.collections.list', {});
      return cli.out.result(list, (l: Collection[]) => table(l.map((c) => ({ name: c.name, documents: c.documentCount, chunks: c.chunkCount, version: c.settingsVersion, index: c.indexStatus })), ['name', 'documents', 'chunks', 'version', 'index']));
    }
    case 'show':
      return cli.out.result(await cli.call('rag.collections.get', { collection: requirePositional(rest, 0, 'a collection name') }));
    case 'history':
      return cli.out.result(await cli.call('rag.collections.history', { collection: requirePositional(rest, 0, 'a collection name') }));
    case 'update': {
      const collection = requirePositional(rest, 0, 'a collection name');
      const result = await cli.call<{ collection: Collection; reindexJobId: string | null }>('rag.collections.update', { collection, settings: settingsPatch(values) });
      if (result.reindexJobId) await cli.call('jobs.wait', { jobId: result.reindexJobId });
      return cli.out.result(result, (r: { collection: Collection; reindexJobId: string | null }) => `Collection "${r.collection.name}" is at settings version ${r.collection.settingsVersion}${r.reindexJobId ? '; the index was rebuilt' : ''}`);
    }
    case 'remove':
      return cli.out.result(await cli.call('rag.collections.remove', { collection: requirePositional(rest, 0, 'a collection name') }), () => 'Removed');
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "collections ${verb ?? ''}"; use create, list, show, update, history or remove`);
  }
}

function prune<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
