import { AppError } from '../../core/contract/errors.js';
import type { CoreEvent } from '../../core/contract/events.js';
import type { Model } from '../../core/contract/schemas.js';
import { parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';

const modelOptions = {
  name: { type: 'string' },
  role: { type: 'string' },
  approval: { type: 'string' },
} as const;

const summaryColumns = ['name', 'role', 'approval', 'architecture', 'quantization', 'sizeBytes', 'id'];

export async function modelsCommand(cli: CliContext, argv: string[]): Promise<void> {
  const { positionals, values } = parse(argv, modelOptions);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'add':
    case 'import': {
      const path = requirePositional(rest, 0, 'the path of a .gguf file');
      const model = await cli.runJob<Model>('models.import', { path, name: values.name, role: values.role }, (event: CoreEvent) => {
        if (event.topic === 'jobs.progressed') cli.out.progress(`hashing ${Math.round(event.data.progress * 100)}%`);
      });
      cli.out.progress('');
      cli.out.result(model, (m: Model) => `Imported "${m.name}" (${m.architecture ?? 'unknown architecture'}, sha256 ${m.sha256.slice(0, 12)}…)`);
      return;
    }
    case 'list': {
      const models = await cli.call<Model[]>('models.list', values.role ? { role: values.role } : {});
      cli.out.result(models, (list: Model[]) => table(list as unknown as Array<Record<string, unknown>>, summaryColumns));
      return;
    }
    case 'inspect':
    case 'show':
      cli.out.result(await cli.call('models.get', { ref: requirePositional(rest, 0, 'a model name or id') }));
      return;
    case 'update':
    case 'rename': {
      const ref = requirePositional(rest, 0, 'a model name or id');
      const name = verb === 'rename' ? requirePositional(rest, 1, 'the new name') : values.name;
      const model = await cli.call<Model>('models.update', { ref, name, role: values.role, approval: values.approval });
      cli.out.result(model, (m: Model) => `Updated "${m.name}": role ${m.role}, ${m.approval}`);
      return;
    }
    case 'remove':
    case 'rm': {
      const result = await cli.call<{ removed: string }>('models.remove', { ref: requirePositional(rest, 0, 'a model name or id') });
      cli.out.result(result, () => `Removed from the library (the file itself was left in place)`);
      return;
    }
    case 'scan': {
      const result = await cli.runJob<{ added: Model[]; skipped: unknown[] }>('models.scan', {});
      cli.out.result(result, (r: { added: Model[]; skipped: unknown[] }) => `Added ${r.added.length} model(s); skipped ${r.skipped.length}`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "models ${verb ?? ''}"; use add, list, inspect, update, rename, remove or scan`);
  }
}
