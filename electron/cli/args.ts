import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../core/contract/errors.js';

export const globalOptions = {
  'data-dir': { type: 'string' },
  'models-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict parsing: a mistyped flag is an error with the flag's name, not silently ignored. */
export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...globalOptions, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${(error as Error).message}; see \`enclave --help\``);
  }
}

export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new AppError('INVALID_INPUT', `--${flag} must be a number, got "${value}"`);
  return number;
}

export function requirePositional(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined) throw new AppError('INVALID_INPUT', `Missing ${what}; see \`enclave --help\``);
  return value;
}
