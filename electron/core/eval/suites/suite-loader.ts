import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../contract/errors.js';
import { evalError } from '../eval-errors.js';
import { SuiteFile } from './suite.schema.js';

export interface SuiteProblem {
  line: number | null;
  column: number | null;
  /** Where in the suite, e.g. `tests[2].assert[0].type`. */
  path: string;
  message: string;
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** The line of the deepest node along `path` that exists (a missing key is reported where its parent is). */
function locate(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>): { line: number; column: number } | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return null;
}

function fail(source: string, problems: SuiteProblem[]): never {
  const shown = problems.slice(0, 8).map((p) => `${source}${p.line !== null ? `:${p.line}:${p.column}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
  const more = problems.length > 8 ? `\n… and ${problems.length - 8} more` : '';
  throw evalError('SUITE_INVALID', `The suite is not valid:\n${shown.join('\n')}${more}`, { problems });
}

/**
 * Parses a suite's YAML and checks it against the suite schema. Every problem (YAML syntax or a wrong field) is
 * reported with its line and column, so the author can go straight to it.
 */
export function parseSuite(text: string, source = 'suite.yaml'): SuiteFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    fail(source, doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return { line: pos?.line ?? null, column: pos?.col ?? null, path: '', message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '') };
    }));
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(source, [{ line: 1, column: 1, path: '', message: 'A suite is a YAML mapping with prompts, providers and tests' }]);
  }
  const parsed = SuiteFile.safeParse(value);
  if (!parsed.success) {
    fail(source, parsed.error.issues.map((issue: z.core.$ZodIssue) => {
      const at = locate(doc, counter, issue.path);
      // An unknown key is best reported at the key itself.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const keyAt = keys.length > 0 ? locate(doc, counter, [...issue.path, keys[0] as string]) : null;
      const where = keyAt ?? at;
      return { line: where?.line ?? null, column: where?.column ?? null, path: pathText(issue.path), message: issue.message };
    }));
  }
  return parsed.data;
}

export async function loadSuite(input: { suite?: string | undefined; path?: string | undefined }): Promise<{ suite: SuiteFile; source: string; text: string }> {
  if (input.suite !== undefined) return { suite: parseSuite(input.suite), source: 'suite.yaml', text: input.suite };
  const file = input.path as string;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', `No suite file at ${file}`);
    throw new AppError('FILE_UNREADABLE', `${file} cannot be read: ${(error as Error).message}`);
  }
  return { suite: parseSuite(text, file), source: file, text };
}
