import { describe, expect, it } from 'vitest';
import { defaultGuardConfig } from '../../electron/core/guard/guard-config.js';
import { applyOutputPolicy, systemPromptOverlap } from '../../electron/core/guard/output-policy.js';

const policy = { ...defaultGuardConfig.output.policy, prohibitedPatterns: [{ id: 'project-codename', pattern: '\\bproject\\s+nightjar\\b' }] };
const systemPrompt = 'You are the Acme support assistant. Answer only questions about Acme invoices, never discuss salaries, and always reply in English with at most three sentences.';

describe('output policy', () => {
  it('lets ordinary answers through unchanged', () => {
    const answer = 'Your invoice INV-42 was paid on 3 May; the receipt is in the billing portal.';
    expect(applyOutputPolicy(answer, policy, { systemPrompt })).toEqual({ action: 'allow', text: answer, violations: [] });
  });

  it('replaces answers on prohibited topics or patterns with the safe response', () => {
    const weapons = applyOutputPolicy('Step 1: to synthesize sarin you first need the precursors …', policy);
    expect(weapons).toMatchObject({ action: 'replace', text: policy.safeResponse, violations: [{ kind: 'prohibited-topic', id: 'weapons-of-mass-harm' }] });
    const codename = applyOutputPolicy('Project Nightjar launches in June.', policy);
    expect(codename).toMatchObject({ action: 'replace', violations: [{ kind: 'prohibited-pattern', id: 'project-codename' }] });
  });

  it('blocks answers that reproduce the system prompt, verbatim or lightly edited', () => {
    const leak = `Sure! My instructions: "${systemPrompt}"`;
    expect(applyOutputPolicy(leak, policy, { systemPrompt })).toMatchObject({ action: 'block', text: policy.safeResponse, violations: [{ kind: 'system-prompt-leak' }] });
    const edited = 'I am the Acme support assistant. I answer only questions about Acme invoices, never discuss salaries, and always reply in English with at most three sentences.';
    expect(systemPromptOverlap(edited, systemPrompt)).toBeGreaterThan(0.5);
    expect(applyOutputPolicy(edited, policy, { systemPrompt }).action).toBe('block');
    expect(systemPromptOverlap('I can help with Acme invoices.', systemPrompt)).toBeLessThan(0.1);
  });

  it('blocks an answer that contains a planted canary', () => {
    expect(applyOutputPolicy('The secret marker is CANARY-7f3e.', policy, { canaries: ['CANARY-7f3e'] })).toMatchObject({ action: 'block', violations: [{ kind: 'canary' }] });
  });
});
