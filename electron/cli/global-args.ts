import { AppError } from '../core/contract/errors.js';

/** What the options every command takes (`--data-dir`, `--models-dir`, `--json`, `--help`) said. */
export interface GlobalArgs {
  /** The first word that is not a global option: `models`, `ask`, …; undefined when there is none. */
  command: string | undefined;
  /** The command's own words and options, in their order, with the global options moved to the end. */
  rest: string[];
  dataDir: string | undefined;
  modelsDir: string | undefined;
  json: boolean;
  help: boolean;
}

const valueOptions = { '--data-dir': 'dataDir', '--models-dir': 'modelsDir' } as const;
type ValueOption = keyof typeof valueOptions;

/**
 * Global options work anywhere on the line: `enclave --data-dir X models list`, `enclave models --json list` and
 * `enclave models list --data-dir X` mean the same. They are taken out before the command reads its words (so
 * `models --json list` still sees `list` as its verb), then `--json` is put back at the end, where every command's
 * strict parser accepts it. After `--` nothing is an option.
 */
export function splitGlobalArgs(argv: string[]): GlobalArgs {
  const parsed: GlobalArgs = { command: undefined, rest: [], dataDir: undefined, modelsDir: undefined, json: false, help: false };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      words.push(...argv.slice(i));
      break;
    }
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (Object.hasOwn(valueOptions, arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) throw new AppError('INVALID_INPUT', `${arg} needs a directory, like ${arg} ./data; see \`enclave --help\``);
      parsed[valueOptions[arg as ValueOption]] = value;
      i++;
    } else {
      const inline = Object.keys(valueOptions).find((name) => arg.startsWith(`${name}=`)) as ValueOption | undefined;
      if (inline) parsed[valueOptions[inline]] = arg.slice(inline.length + 1);
      else words.push(arg);
    }
  }
  const [command, ...rest] = words;
  if (command !== undefined && command.startsWith('-')) {
    throw new AppError('INVALID_INPUT', `Unknown option "${command}" before the command: only --data-dir, --models-dir, --json and --help may come first; put the command's own options after it (see \`enclave --help\`)`);
  }
  parsed.command = command;
  parsed.rest = rest;
  // Back before any `--`, where the command's parser still reads options.
  if (parsed.json) rest.splice(rest.includes('--') ? rest.indexOf('--') : rest.length, 0, '--json');
  return parsed;
}
