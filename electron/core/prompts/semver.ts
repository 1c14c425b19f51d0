import type { BumpKind } from '../contract/prompts.api.js';

// Semantic versions of prompt versions: MAJOR.MINOR.PATCH, no pre-release tags (a registry version is a release).

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

const PATTERN = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/;

export function isSemVer(text: string): boolean {
  return PATTERN.test(text);
}

export function parseSemVer(text: string): SemVer | null {
  const match = PATTERN.exec(text.trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : null;
}

export function formatSemVer(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

export function compareSemVer(a: SemVer, b: SemVer): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function bumpSemVer(v: SemVer, kind: BumpKind): SemVer {
  if (kind === 'major') return { major: v.major + 1, minor: 0, patch: 0 };
  if (kind === 'minor') return { major: v.major, minor: v.minor + 1, patch: 0 };
  return { major: v.major, minor: v.minor, patch: v.patch + 1 };
}
