import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { findBoundaryViolations } from '../scripts/boundaries.mjs';
import { repoRoot, tempDir } from './helpers/fixtures.js';

describe('layering', () => {
  test('electron is imported only by the Electron shell, the renderer stays above the contract, and the layers point down', () => {
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

  const layered = tempDir();
  afterAll(() => layered.cleanup());

  test('the check catches imports that point up the layers', () => {
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(layered.dir, file)), { recursive: true });
      writeFileSync(path.join(layered.dir, file), text);
    };
    // Violations, one per rule.
    write('native/llama/up.ts', "import { AppError } from '../../electron/core/contract/errors.js';\n");
    write('native/sqlite/up-type.ts', "import type { Db } from '../../electron/core/services/core-services.js';\n");
    write('electron/core/models/up.ts', "import { createCore } from '../host/create-core.js';\n");
    write('electron/core/text/up.ts', "import { ask } from '../rag/answer.js';\n");
    write('electron/core/services/up.ts', "import { ModelsService } from '../models/models.service.js';\n");
    write('electron/core/rag/up.ts', "import { runEval } from '../eval/runs/run-executor.js';\n");
    // Allowed: downward imports, type-only area names in services, shells and host composing the core.
    write('electron/core/services/ok.ts', "import type { ModelsService } from '../models/models.service.js';\nimport type { CallContext } from '../contract/context.js';\n");
    write('electron/core/text/ok.ts', "import { AppError } from '../contract/errors.js';\nimport { x } from './y.js';\n");
    write('electron/core/host/ok.ts', "import { ModelsService } from '../models/models.service.js';\nimport { h } from './dispatch.js';\n");
    write('electron/core/eval/ok.ts', "import { search } from '../rag/search.js';\nimport { normalise } from '../text/normalise.js';\n");
    write('electron/cli/ok.ts', "import { createCore } from '../core/host/create-core.js';\n");
    write('electron/core/models/ok.ts', "import { NativeError } from '../../../native/native-error.js';\n");
    const violations = findBoundaryViolations(layered.dir);
    expect(violations.sort()).toEqual([
      expect.stringMatching(/^electron\/core\/models\/up\.ts: the area models imports the composition root electron\/core\/host\//),
      expect.stringMatching(/^electron\/core\/rag\/up\.ts: rag imports eval/),
      expect.stringMatching(/^electron\/core\/services\/up\.ts: electron\/core\/services imports the area models at run time/),
      expect.stringMatching(/^electron\/core\/text\/up\.ts: electron\/core\/text imports the area rag/),
      expect.stringMatching(/^native\/llama\/up\.ts: native\/ imports electron\//),
      expect.stringMatching(/^native\/sqlite\/up-type\.ts: native\/ imports electron\//),
    ]);
  });
});
