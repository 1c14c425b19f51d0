import type { Finding } from './types.js';
import type { PseudonymCipher } from './vault/pseudonym-cipher.js';
import type { PseudonymVault } from './vault/pseudonym-vault.js';

export type RedactionMode = 'mask' | 'tag' | 'pseudonym';

export interface Replacement {
  type: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
  replacement: string;
}

export interface Redaction {
  text: string;
  replacements: Replacement[];
}

export interface PseudonymContext {
  cipher: PseudonymCipher;
  vault: PseudonymVault;
  scope: string;
}

/** Applies replacements right to left so earlier offsets stay valid. Findings must not overlap. */
function apply(text: string, replacements: Replacement[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.replacement + out.slice(r.end);
  return out;
}

/** `mask` keeps the length (`jane@x.org` → `**********`); `tag` names the type (`<EMAIL_ADDRESS>`). */
export function redact(text: string, findings: readonly Finding[], mode: 'mask' | 'tag', maskChar = '*'): Redaction {
  const replacements = findings.map((f) => ({
    type: f.type, start: f.start, end: f.end,
    replacement: mode === 'tag' ? `<${f.type}>` : text.slice(f.start, f.end).replace(/\S/gu, maskChar),
  }));
  return { text: apply(text, replacements), replacements };
}

/**
 * Replaces each value with a stable pseudonym (`<PERSON_3f9a1c0b2e>`) and stores the value, encrypted, in
 * the vault, so an authorised user can restore the original later. The model sees the same pseudonym
 * for the same person throughout a scope, which keeps answers coherent.
 */
export async function pseudonymize(text: string, findings: readonly Finding[], context: PseudonymContext): Promise<Redaction> {
  const replacements: Replacement[] = [];
  const createdAt = new Date().toISOString();
  for (const f of findings) {
    const value = text.slice(f.start, f.end);
    const pseudonym = context.cipher.pseudonymFor(context.scope, f.type, value);
    await context.vault.put({ scope: context.scope, pseudonym, entityType: f.type, createdAt, ...context.cipher.seal(context.scope, pseudonym, value) });
    replacements.push({ type: f.type, start: f.start, end: f.end, replacement: pseudonym });
  }
  return { text: apply(text, replacements), replacements };
}

const pseudonymPattern = /<[A-Z][A-Z0-9_]*_[0-9a-f]{10}>/g;

/** The distinct pseudonyms in a text. */
export function pseudonymsIn(text: string): string[] {
  return [...new Set(text.match(pseudonymPattern) ?? [])];
}

/**
 * Puts the original values back (e.g. into a model's answer before an authorised user reads it).
 * Pseudonyms the vault does not know are left as they are; a wrong key throws rather than guessing.
 */
export async function restore(text: string, context: PseudonymContext): Promise<string> {
  const found = [...new Set(text.match(pseudonymPattern) ?? [])];
  const values = new Map<string, string>();
  for (const pseudonym of found) {
    const entry = await context.vault.get(context.scope, pseudonym);
    if (entry) values.set(pseudonym, context.cipher.open(context.scope, pseudonym, entry));
  }
  return values.size === 0 ? text : text.replace(pseudonymPattern, (p) => values.get(p) ?? p);
}
