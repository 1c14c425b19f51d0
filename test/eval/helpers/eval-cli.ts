// Runs `enclave prompts|datasets|eval …` the way electron/cli/main.ts will once those commands are wired in, over
// the eval-capable core of eval-core.ts. Tests start it as a real child process (node --import tsx).
import { datasetsCommand } from '../../../electron/cli/commands/datasets.command.js';
import { evalCommand } from '../../../electron/cli/commands/eval.command.js';
import { promptsCommand } from '../../../electron/cli/commands/prompts.command.js';
import { CliContext } from '../../../electron/cli/cli-context.js';
import { Output } from '../../../electron/cli/output.js';
import { isAppError } from '../../../electron/core/contract/errors.js';
import { createEvalCore } from './eval-core.js';

const argv = process.argv.slice(2);
const [command, ...rest] = argv;
const flag = (name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const out = new Output(argv.includes('--json'));
const core = createEvalCore({ dataDir: flag('data-dir') ?? '.enclave-test', modelsDir: flag('models-dir') });
const cli = new CliContext(core, out);
let code = 0;
try {
  if (command === 'eval') code = await evalCommand(cli, rest);
  else if (command === 'prompts') await promptsCommand(cli, rest);
  else if (command === 'datasets') await datasetsCommand(cli, rest);
  else code = out.error({ code: 'INVALID_INPUT', message: `unknown command ${command}` });
} catch (error) {
  if (!isAppError(error)) throw error;
  code = out.error(error.toShape());
} finally {
  await core.close();
}
process.exitCode = code;
