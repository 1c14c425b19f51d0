import { AppError } from '../../core/contract/errors.js';
import type { CoreEvent } from '../../core/contract/events.js';
import type { ModelDependant, ModelEvent } from '../../core/contract/models.api.js';
import type { Model } from '../../core/contract/schemas.js';
import { parse, requirePositional } from '../args.js';
import type { CliContext } from '../cli-context.js';
import { table } from '../output.js';
import { modelCardCommand } from './compliance.command.js';

const modelOptions = {
  name: { type: 'string' },
  role: { type: 'string' },
  reason: { type: 'string' },
  approve: { type: 'boolean' },
  confirm: { type: 'boolean' },
  active: { type: 'boolean' },
} as const;

const summaryColumns = ['name', 'role', 'approval', 'retired', 'architecture', 'quantization', 'sizeBytes', 'id'];
const listed = (m: Model): Record<string, unknown> => ({ ...m, retired: m.retiredAt ? 'retired' : '' });
const dependantLines = (dependants: ModelDependant[]): string =>
  dependants.length === 0 ? 'Nothing uses this model.' : dependants.map((d) => `- ${d.label}`).join('\n');

export async function modelsCommand(cli: CliContext, argv: string[]): Promise<void> {
  // The model card (issue 14) has flags of its own.
  if (argv.find((a) => !a.startsWith('-')) === 'card') return modelCardCommand(cli, argv);
  const { positionals, values } = parse(argv, modelOptions);
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'add':
    case 'import': {
      const path = requirePositional(rest, 0, 'the path of a .gguf file');
      const approval = values.approve ? { approve: true, ...(values.reason ? { reason: values.reason } : {}) } : {};
      const model = await cli.runJob<Model>('models.import', { path, name: values.name, role: values.role, ...approval }, (event: CoreEvent) => {
        if (event.topic === 'jobs.progressed') cli.out.progress(`hashing ${Math.round(event.data.progress * 100)}%`);
      });
      cli.out.progress('');
      cli.out.result(model, (m: Model) => `Imported "${m.name}" (${m.architecture ?? 'unknown architecture'}, sha256 ${m.sha256.slice(0, 12)}…): ${m.approval}`);
      return;
    }
    case 'list': {
      const models = await cli.call<Model[]>('models.list', { ...(values.role ? { role: values.role } : {}), ...(values.active ? { includeRetired: false } : {}) });
      cli.out.result(models, (list: Model[]) => table(list.map(listed), summaryColumns));
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
      const model = await cli.call<Model>('models.update', { ref, name, role: values.role });
      cli.out.result(model, (m: Model) => `Updated "${m.name}": role ${m.role}, ${m.approval}`);
      return;
    }
    case 'approve':
    case 'reinstate': {
      const ref = requirePositional(rest, 0, 'a model name or id');
      const model = await cli.call<Model>(`models.${verb}`, { ref, ...(values.reason ? { reason: values.reason } : {}) });
      cli.out.result(model, (m: Model) => (verb === 'approve' ? `Approved "${m.name}"` : `Reinstated "${m.name}" (${m.approval})`));
      return;
    }
    case 'reject':
    case 'retire': {
      const ref = requirePositional(rest, 0, 'a model name or id');
      if (verb === 'reject' && !values.reason) throw new AppError('INVALID_INPUT', 'Say why with --reason "…": a rejection is recorded with its reason');
      const model = await cli.call<Model>(`models.${verb}`, { ref, ...(values.reason ? { reason: values.reason } : {}), confirm: values.confirm ?? false });
      cli.out.result(model, (m: Model) => (verb === 'reject' ? `Rejected "${m.name}": it no longer runs` : `Retired "${m.name}": it stays in the library for old runs, and nothing new can use it`));
      return;
    }
    case 'usage': {
      const result = await cli.call<{ dependants: ModelDependant[] }>('models.usage', { ref: requirePositional(rest, 0, 'a model name or id') });
      cli.out.result(result, (r: { dependants: ModelDependant[] }) => dependantLines(r.dependants));
      return;
    }
    case 'history': {
      const events = await cli.call<ModelEvent[]>('models.history', { ref: requirePositional(rest, 0, 'a model name or id') });
      cli.out.result(events, (list: ModelEvent[]) => table(list as unknown as Array<Record<string, unknown>>, ['at', 'action', 'actor', 'reason']));
      return;
    }
    case 'remove':
    case 'rm': {
      const result = await cli.call<{ removed: string }>('models.remove', { ref: requirePositional(rest, 0, 'a model name or id') });
      cli.out.result(result, () => `Removed from the library (the file itself was left in place)`);
      return;
    }
    case 'scan': {
      type Scan = { folder: string; added: Model[]; skipped: unknown[] };
      const result = await cli.runJob<Scan>('models.scan', {});
      cli.out.result(result, (r: Scan) => `Scanned ${r.folder}: ${r.added.length === 1 ? '1 model' : `${r.added.length} models`} added, ${r.skipped.length} skipped`);
      return;
    }
    default:
      throw new AppError('INVALID_INPUT', `Unknown command "models ${verb ?? ''}"; use add, list, inspect, update, rename, approve, reject, retire, reinstate, usage, history, remove or scan`);
  }
}
