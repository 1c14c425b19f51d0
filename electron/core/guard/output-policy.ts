// What a model may say back. Answers touching a prohibited topic or pattern are replaced by a safe default
// response; answers that would leak the system prompt (verbatim or near-verbatim, or a planted canary)
// are blocked outright.

export interface ProhibitedPattern {
  id: string;
  /** A regular expression source, matched case-insensitively. */
  pattern: string;
}

export interface OutputPolicyConfig {
  /** Built-in topic ids from `builtinTopics`. */
  prohibitedTopics: readonly string[];
  prohibitedPatterns: readonly ProhibitedPattern[];
  safeResponse: string;
  blockSystemPromptLeak: boolean;
  /** Share of the system prompt's 5-word shingles an answer may repeat before it counts as a leak. */
  leakThreshold: number;
}

export interface PolicyViolation {
  kind: 'prohibited-topic' | 'prohibited-pattern' | 'system-prompt-leak' | 'canary';
  id: string;
  score: number;
}

export interface PolicyDecision {
  action: 'allow' | 'replace' | 'block';
  text: string;
  violations: PolicyViolation[];
}

// Deliberately narrow: instructions for mass harm. Organisations add their own topics as patterns.
export const builtinTopics: Record<string, RegExp> = {
  'weapons-of-mass-harm': /\b(?:(?:synthesi[sz]e|make|build|produce|weaponi[sz]e|assemble)\w*\b[^.]{0,60}\b(?:sarin|vx|nerve agent|mustard gas|anthrax|ricin|botulinum|bioweapon|chemical weapon|dirty bomb|nuclear (?:bomb|device)|pipe bomb|explosive device)|(?:sarin|vx nerve agent|ricin|anthrax spores)\b[^.]{0,40}\b(?:synthesis|recipe|precursors?))\b/i,
  'self-harm-instructions': /\b(?:(?:best|easiest|painless|quickest) (?:way|method)s? to (?:kill (?:yourself|myself)|commit suicide|end (?:your|my) life)|how to (?:kill (?:yourself|myself)|commit suicide))\b/i,
  malware: /\b(?:(?:write|create|build|here(?:'s| is)) (?:a |the |some )?(?:working )?(?:ransomware|keylogger|credential stealer|botnet|rootkit|worm)|encrypt (?:all )?(?:the )?victim'?s? files)\b/i,
  'credential-harvesting': /\b(?:phishing (?:page|kit|email) (?:that|to) (?:steal|harvest|capture)|harvest (?:user )?(?:passwords|credentials))\b/i,
};

export const defaultSafeResponse = 'I can’t help with that request. If you think this is a mistake, contact your administrator.';

const words = (text: string): string[] => text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];

function shingles(tokens: string[], size: number): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + size <= tokens.length; i++) set.add(tokens.slice(i, i + size).join(' '));
  return set;
}

/**
 * How much of the system prompt an answer reproduces: the share of its 5-word shingles found in the
 * answer (paraphrase-tolerant only up to word order within five words, which is what leaks look like).
 */
export function systemPromptOverlap(answer: string, systemPrompt: string): number {
  const promptWords = words(systemPrompt);
  const answerWords = words(answer);
  if (promptWords.length === 0 || answerWords.length === 0) return 0;
  if (promptWords.length < 5) {
    const needle = promptWords.join(' ');
    return ` ${answerWords.join(' ')} `.includes(` ${needle} `) ? 1 : 0;
  }
  const promptShingles = shingles(promptWords, 5);
  const answerShingles = shingles(answerWords, 5);
  let shared = 0;
  for (const s of promptShingles) if (answerShingles.has(s)) shared++;
  return shared / promptShingles.size;
}

export function applyOutputPolicy(
  answer: string,
  config: OutputPolicyConfig,
  context: { systemPrompt?: string; canaries?: readonly string[] } = {},
): PolicyDecision {
  const violations: PolicyViolation[] = [];
  for (const canary of context.canaries ?? []) {
    if (canary !== '' && answer.includes(canary)) violations.push({ kind: 'canary', id: 'canary', score: 1 });
  }
  if (config.blockSystemPromptLeak && context.systemPrompt) {
    const overlap = systemPromptOverlap(answer, context.systemPrompt);
    if (overlap >= config.leakThreshold) violations.push({ kind: 'system-prompt-leak', id: 'system-prompt', score: Math.round(overlap * 1000) / 1000 });
  }
  if (violations.length > 0) return { action: 'block', text: config.safeResponse, violations };
  for (const topic of config.prohibitedTopics) {
    if (builtinTopics[topic]?.test(answer)) violations.push({ kind: 'prohibited-topic', id: topic, score: 1 });
  }
  for (const { id, pattern } of config.prohibitedPatterns) {
    if (new RegExp(pattern, 'iu').test(answer)) violations.push({ kind: 'prohibited-pattern', id, score: 1 });
  }
  return violations.length > 0 ? { action: 'replace', text: config.safeResponse, violations } : { action: 'allow', text: answer, violations };
}
