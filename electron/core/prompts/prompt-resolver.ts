import type { PromptVersion } from '../contract/prompts.api.js';
import type { AbTestService } from './ab/ab-test.service.js';
import type { PromptRegistry } from './prompt-registry.js';

export interface ResolvedPrompt {
  version: PromptVersion;
  via: 'label' | 'version' | 'latest' | 'ab';
  ab: { testId: string; arm: 'control' | 'candidate' } | null;
}

/**
 * What a ref means for one subject. A ref that names the running test's control label (or only the prompt) is split
 * between the arms; an explicit version or another label is taken as written, so pinned callers never move.
 */
export function resolvePromptFor(registry: PromptRegistry, ab: AbTestService, ref: string, subject: string | undefined): ResolvedPrompt {
  const resolved = registry.resolve(ref);
  if (subject === undefined || resolved.via === 'version') return { ...resolved, ab: null };
  const assigned = ab.assignForPrompt(resolved.version.promptId, subject);
  const label = ref.includes('@') ? ref.slice(ref.lastIndexOf('@') + 1).trim().toLowerCase() : null;
  if (!assigned || (label !== null && label !== ab.get(assigned.testId).controlLabel.toLowerCase())) return { ...resolved, ab: null };
  // The arm's pinned version: a label moved during the test does not change what the arm runs.
  const version = registry.versionOf(registry.prompt(resolved.version.promptId), assigned.version);
  return { version, via: 'ab', ab: { testId: assigned.testId, arm: assigned.arm } };
}
