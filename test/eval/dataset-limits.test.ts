import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/fixtures.js';

// Issue 10.10: a JSONL line nested 5,000 deep overflowed the stack in hashCases (INTERNAL, nothing imported);
// it is now a row error with its line number, and the other rows are imported.
describe('dataset rows nested too deep', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const data = ['--data-dir', path.join(temp.dir, 'data'), '--models-dir', temp.dir];

  test('`datasets import` reports the deep rows (JSONL line, CSV cell) and imports the rest', async () => {
    const deep = (n: number): string => `${'['.repeat(n)}1${']'.repeat(n)}`;
    const jsonl = path.join(temp.dir, 'deep.jsonl');
    writeFileSync(jsonl, [
      '{"vars":{"q":"one"},"expected":"1"}',
      `{"vars":{"q":"deep","x":${deep(5000)}},"expected":"2"}`,
      `{"vars":{"q":"sixty-three","x":${deep(62)}},"expected":"3"}`,
      '{"vars":{"q":"two"},"expected":"4"}',
    ].join('\n'));
    const run = await runCli(['datasets', 'import', jsonl, '--name', 'deep', '--json', ...data]);
    expect(run.stderr).not.toMatch(/INTERNAL|RangeError/);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ imported: 3, errors: [{ row: 2, message: expect.stringContaining('64 levels') }] });

    const csv = path.join(temp.dir, 'deep.csv');
    writeFileSync(csv, `vars,expected\n"{""q"":""ok""}",1\n"{""q"":${deep(5000).replace(/"/g, '""')}}",2\n`);
    const fromCsv = await runCli(['datasets', 'import', csv, '--name', 'deep-csv', '--json', ...data]);
    expect(fromCsv.code).toBe(0);
    expect(fromCsv.json()).toMatchObject({ imported: 1, errors: [{ row: 3, message: expect.stringContaining('64 levels') }] });
  }, 60_000);
});
