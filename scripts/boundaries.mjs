// The layering rules the compiler cannot see, checked on the source text:
// - only electron/main and electron/preload may import `electron`;
// - the renderer imports no Node built-in, no native module, nothing from electron/ or native/ except
//   type-only imports of the contract;
// - the layers point down: native/ never imports electron/; no area under electron/core imports electron/core/host/
//   (only the shells and host/ itself compose the core); electron/core/text imports no area, and
//   electron/core/services imports areas only as types (it names their services, it never runs them);
//   rag never imports eval (eval builds on rag, not the other way round).
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const SOURCE = /\.(c|m)?(ts|tsx|js|jsx)$/;
const IMPORT = /(?:^|[\s;])(?:(?:import|export)\s+(?<typeOnly>type\s+)?[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"](?<specifier>[^'"]+)['"]/g;
const NATIVE_PACKAGES = ['better-sqlite3', 'sqlite-vec', 'node-llama-cpp', 'electron'];
const ELECTRON_SHELL = ['electron/main/', 'electron/preload/'];
/** Folders under electron/core that are not areas: the contract at the bottom, the shared layers, the composition root. */
const CORE_FOUNDATIONS = ['contract', 'services', 'text', 'host'];

const coreFolderOf = (file) => (file.startsWith('electron/core/') ? file.split('/')[2] : undefined);
const isArea = (folder) => folder !== undefined && !CORE_FOUNDATIONS.includes(folder);

/** The direction rules for one relative import: `file` imports `target` (both repository-relative). */
function layeringViolation(file, target, typeOnly) {
  if (file.startsWith('native/') && target.startsWith('electron/')) return 'native/ imports electron/';
  const from = coreFolderOf(file);
  const to = coreFolderOf(target);
  if (from === undefined || to === undefined || from === to) return undefined;
  if (to === 'host' && isArea(from)) return `the area ${from} imports the composition root electron/core/host/`;
  if (from === 'text' && isArea(to)) return `electron/core/text imports the area ${to}`;
  if (from === 'services' && isArea(to) && !typeOnly) return `electron/core/services imports the area ${to} at run time (types only)`;
  if (from === 'rag' && to === 'eval') return 'rag imports eval';
  return undefined;
}

function* sourceFiles(root, dir) {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* sourceFiles(root, relative);
    } else if (SOURCE.test(entry.name)) yield relative;
  }
}

function importsOf(text) {
  return [...text.matchAll(IMPORT)].map((m) => ({ specifier: m.groups.specifier, typeOnly: Boolean(m.groups.typeOnly) }));
}

const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
const packageOf = (specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);

/** @returns {string[]} one line per violation: `file: reason` */
export function findBoundaryViolations(root, dirs = ['electron', 'native', 'renderer', 'bin', 'scripts']) {
  const violations = [];
  for (const dir of dirs) {
    let files;
    try {
      files = [...sourceFiles(root, dir)];
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const { specifier, typeOnly } of importsOf(text)) {
        if (packageOf(specifier) === 'electron' && !ELECTRON_SHELL.some((shell) => file.startsWith(shell))) {
          violations.push(`${file}: imports 'electron' outside electron/main and electron/preload`);
        }
        if (specifier.startsWith('.')) {
          const reason = layeringViolation(file, path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)), typeOnly);
          if (reason) violations.push(`${file}: ${reason} ('${specifier}')`);
        }
        if (!file.startsWith('renderer/')) continue;
        if (isBuiltin(specifier)) violations.push(`${file}: the renderer imports the Node built-in '${specifier}'`);
        if (NATIVE_PACKAGES.includes(packageOf(specifier))) violations.push(`${file}: the renderer imports the native module '${specifier}'`);
        if (specifier.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
          const intoContract = target.startsWith('electron/core/contract/');
          if (target.startsWith('native/') || (target.startsWith('electron/') && !intoContract)) {
            violations.push(`${file}: the renderer imports '${specifier}' from below the contract`);
          } else if (intoContract && !typeOnly) {
            violations.push(`${file}: the renderer may import only types from the contract ('${specifier}')`);
          }
        }
      }
    }
  }
  return violations;
}
