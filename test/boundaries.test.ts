import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findBoundaryViolations } from '../scripts/boundaries.mjs';
import { repoRoot, tempDir } from './helpers/fixtures.js';

describe('layering', () => {
  test('electron is imported only by the Electron shell, and the renderer stays above the contract', () => {
    expect(findBoundaryViolations(repoRoot)).toEqual([]);
  });

  const fixture = tempDir();
  afterAll(() => fixture.cleanup());

  test('the check catches each kind of violation', () => {
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(fixture.dir, file)), { recursive: true });
      writeFileSync(path.join(fixture.dir, file), text);
    };
    write('electron/core/models/leak.ts', "import { app } from 'electron';\n");
    write('native/llama/leak.ts', "const e = require('electron');\n");
    write('electron/main/ok.ts', "import { app } from 'electron';\n");
    write('renderer/features/x/Bad.tsx', "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { api } from '../../../electron/core/contract/api.js';\nimport { openDatabase } from '../../../native/sqlite/open.js';\n");
    write('renderer/features/x/Good.tsx', "import type { Model } from '../../../electron/core/contract/index.js';\nexport type { Method } from '../../../electron/core/contract/api.js';\n");
    const violations = findBoundaryViolations(fixture.dir);
    expect(violations).toEqual(expect.arrayContaining([
      expect.stringMatching(/^electron\/core\/models\/leak\.ts: imports 'electron'/),
      expect.stringMatching(/^native\/llama\/leak\.ts: imports 'electron'/),
      expect.stringMatching(/Bad\.tsx: the renderer imports the Node built-in 'node:fs'/),
      expect.stringMatching(/Bad\.tsx: the renderer imports the native module 'better-sqlite3'/),
      expect.stringMatching(/Bad\.tsx: the renderer may import only types from the contract/),
      expect.stringMatching(/Bad\.tsx: the renderer imports '.*native\/sqlite\/open\.js' from below the contract/),
    ]));
    expect(violations).toHaveLength(6);
  });
});
