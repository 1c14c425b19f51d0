#!/usr/bin/env node
import { AppError, isAppError } from '../core/contract/errors.js';
import { createInProcessCore } from '../core/host/core-handle.js';
import { resolveDataDir, resolveModelsDir } from '../core/services/paths.js';
import { parse } from './args.js';
import { splitGlobalArgs } from './global-args.js';
import { CliContext } from './cli-context.js';
import { auditCommand } from './commands/audit.command.js';
import { collectionsCommand } from './commands/collections.command.js';
import { datasetsCommand } from './commands/datasets.command.js';
import { bundleCommand } from './commands/bundle.command.js';
import { syncCommand } from './commands/sync.command.js';
import { trustCommand } from './commands/trust.command.js';
import { evalCommand } from './commands/eval.command.js';
import { redteamCommand } from './commands/redteam.command.js';
import { promptsCommand } from './commands/prompts.command.js';
import { reviewCommand } from './commands/review.command.js';
import { biasCommand } from './commands/bias.command.js';
import { traceCommand } from './commands/compliance.command.js';
import { monitorCommand } from './commands/monitor.command.js';
import { tracesCommand } from './commands/traces.command.js';
import { driftCommand } from './commands/drift.command.js';
import { generateCommand } from './commands/generate.command.js';
import { guardCommand } from './commands/guard.command.js';
import { conversationsCommand } from './commands/conversations.command.js';
import { guardRestoreCommand } from './commands/guard-restore.command.js';
import { askCommand, documentsCommand, ingestCommand, searchCommand } from './commands/rag.command.js';
import { metricsCommand } from './commands/metrics.command.js';
import { modelsCommand } from './commands/models.command.js';
import { serveCommand } from './commands/serve.command.js';
import { settingsCommand } from './commands/settings.command.js';
import { openAiApiCommand } from './commands/openai-api.command.js';
import { loginCommand, logoutCommand } from './commands/login.command.js';
import { tokensCommand, usersCommand } from './commands/users.command.js';
import { endpointsCommand } from './commands/endpoints.command.js';
import { routesCommand } from './commands/routes.command.js';
import { pricesCommand, quotasCommand, usageCommand } from './commands/usage.command.js';
import { Output } from './output.js';
import { usage } from './usage.js';

/** The `enclave` command: the same dispatch as every other shell, JSON on request, exit codes by error code. */
export async function main(argv: string[]): Promise<number> {
  const out = new Output(argv.includes('--json'));
  try {
    const { command, rest, help, dataDir: dataDirFlag, modelsDir: modelsDirFlag } = splitGlobalArgs(argv);
    if (command === undefined || command === 'help' || help) {
      process.stdout.write(usage);
      return 0;
    }
    const dataDir = resolveDataDir(dataDirFlag);
    const modelsDir = resolveModelsDir(modelsDirFlag);
    if (command === 'serve') {
      await serveCommand(rest, dataDir, modelsDir);
      return 0;
    }
    if (command === 'audit') return await auditCommand(rest, dataDir);
    // Scoring and scanning read a file and compute: they need no database.
    if (command === 'metrics' || (command === 'guard' && rest[0] !== 'restore')) {
      await (command === 'metrics' ? metricsCommand : guardCommand)({ out }, rest);
      return 0;
    }
    const core = createInProcessCore({ dataDir, modelsDir });
    const cli = new CliContext(core, out);
    try {
      switch (command) {
        case 'models':
          await modelsCommand(cli, rest);
          break;
        case 'generate':
          await generateCommand(cli, rest);
          break;
        case 'collections':
          await collectionsCommand(cli, rest);
          break;
        case 'ingest':
          await ingestCommand(cli, rest);
          break;
        case 'search':
          await searchCommand(cli, rest);
          break;
        case 'ask':
          await askCommand(cli, rest);
          break;
        case 'documents':
          await documentsCommand(cli, rest);
          break;
        case 'prompts':
          await promptsCommand(cli, rest);
          break;
        case 'guard':
          await guardRestoreCommand(cli, rest.slice(1));
          break;
        case 'bias':
          await biasCommand(cli, rest);
          break;
        case 'trace':
          await traceCommand(cli, rest);
          break;
        case 'conversations':
          await conversationsCommand(cli, rest);
          break;
        case 'review':
          await reviewCommand(cli, rest);
          break;
        case 'traces':
          await tracesCommand(cli, rest);
          break;
        case 'monitor':
          await monitorCommand(cli, rest);
          break;
        case 'drift':
          await driftCommand(cli, rest);
          break;
        case 'datasets':
          await datasetsCommand(cli, rest);
          break;
        case 'bundle':
          await bundleCommand(cli, rest);
          break;
        case 'trust':
          await trustCommand(cli, rest);
          break;
        case 'sync':
          return await syncCommand(cli, rest);
        case 'eval':
          return await evalCommand(cli, rest);
        case 'redteam':
          return await redteamCommand(cli, rest);
        case 'settings':
          await settingsCommand(cli, rest);
          break;
        case 'openai-api':
          await openAiApiCommand(cli, rest);
          break;
        case 'users':
          await usersCommand(cli, rest);
          break;
        case 'endpoints':
          await endpointsCommand(cli, rest);
          break;
        case 'tokens':
          await tokensCommand(cli, rest);
          break;
        case 'login':
          await loginCommand(cli, rest);
          break;
        case 'logout':
          await logoutCommand(cli, rest);
          break;
        case 'routes':
          await routesCommand(cli, rest);
          break;
        case 'usage':
          await usageCommand(cli, rest);
          break;
        case 'quotas':
          await quotasCommand(cli, rest);
          break;
        case 'prices':
          await pricesCommand(cli, rest);
          break;
        case 'info':
          parse(rest, {});
          out.result(await cli.call('app.info', {}));
          break;
        default:
          throw new AppError('INVALID_INPUT', `Unknown command "${command}"; see \`enclave --help\``);
      }
      return 0;
    } finally {
      await core.close();
    }
  } catch (error) {
    if (isAppError(error)) return out.error(error.toShape());
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    return out.error({ code: 'INTERNAL', message: 'An unexpected error occurred (details above); please report it' });
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
