import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/core/contract/errors.js';
import { PiiAnalyzer } from '../../electron/core/guard/pii/pii-analyzer.js';
import { pseudonymize, redact, restore } from '../../electron/core/guard/redactor.js';
import { PseudonymCipher } from '../../electron/core/guard/vault/pseudonym-cipher.js';
import { InMemoryPseudonymVault } from '../../electron/core/guard/vault/pseudonym-vault.js';

const analyzer = new PiiAnalyzer();
const text = 'Mail jane.doe@example.org or call +44 20 7123 4567; Jane Doe paid with 4111 1111 1111 1111.';
const findings = analyzer.analyze(text, { minScore: 0.4 });

describe('redactor', () => {
  it('finds the e-mail, phone, name and card in the sample', () => {
    expect(findings.map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['EMAIL_ADDRESS', 'jane.doe@example.org'], ['PHONE_NUMBER', '+44 20 7123 4567'], ['PERSON', 'Jane Doe'], ['CREDIT_CARD', '4111 1111 1111 1111'],
    ]);
  });

  it('tags each finding with its type', () => {
    expect(redact(text, findings, 'tag').text).toBe('Mail <EMAIL_ADDRESS> or call <PHONE_NUMBER>; <PERSON> paid with <CREDIT_CARD>.');
  });

  it('masks characters but keeps length and spacing', () => {
    const masked = redact(text, findings, 'mask').text;
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe('Mail ******************** or call *** ** **** ****; **** *** paid with **** **** **** ****.');
  });

  it('pseudonymises reversibly: stable within a scope, different across scopes, ciphertext only in the vault', async () => {
    const cipher = new PseudonymCipher(randomBytes(32));
    const vault = new InMemoryPseudonymVault();
    const first = await pseudonymize(text, findings, { cipher, vault, scope: 'conversation-1' });
    expect(first.text).toMatch(/^Mail <EMAIL_ADDRESS_[0-9a-f]{10}> or call <PHONE_NUMBER_[0-9a-f]{10}>; <PERSON_[0-9a-f]{10}> paid with <CREDIT_CARD_[0-9a-f]{10}>\.$/);
    const again = await pseudonymize(text, findings, { cipher, vault, scope: 'conversation-1' });
    expect(again.text).toBe(first.text);
    expect(vault.size).toBe(4);
    const other = await pseudonymize(text, findings, { cipher, vault, scope: 'conversation-2' });
    expect(other.text).not.toBe(first.text);
    const stored = await vault.get('conversation-1', first.replacements[0]?.replacement ?? '');
    expect(stored?.ciphertext.toString('utf8')).not.toContain('jane');
    const answer = `Sure: ${first.replacements[2]?.replacement} can be reached at ${first.replacements[0]?.replacement}.`;
    expect(await restore(answer, { cipher, vault, scope: 'conversation-1' })).toBe('Sure: Jane Doe can be reached at jane.doe@example.org.');
    expect(await vault.deleteScope('conversation-1')).toBe(4);
    expect(await restore(answer, { cipher, vault, scope: 'conversation-1' })).toBe(answer);
  });

  it('refuses a wrong key or a tampered entry instead of returning anything', async () => {
    const vault = new InMemoryPseudonymVault();
    const cipher = new PseudonymCipher(randomBytes(32));
    const { replacements } = await pseudonymize(text, findings, { cipher, vault, scope: 's' });
    const pseudonym = replacements[0]?.replacement ?? '';
    await expect(restore(pseudonym, { cipher: new PseudonymCipher(randomBytes(32)), vault, scope: 's' })).rejects.toThrow(/vault key does not match/);
    const entry = await vault.get('s', pseudonym);
    if (!entry) throw new Error('missing entry');
    entry.ciphertext[0] = (entry.ciphertext[0] ?? 0) ^ 1;
    await expect(restore(pseudonym, { cipher, vault, scope: 's' })).rejects.toBeInstanceOf(AppError);
  });

  it('binds a sealed value to its scope and pseudonym', () => {
    const cipher = new PseudonymCipher(randomBytes(32));
    const sealed = cipher.seal('s', '<PERSON_0000000000>', 'Jane');
    expect(cipher.open('s', '<PERSON_0000000000>', sealed)).toBe('Jane');
    expect(() => cipher.open('s', '<PERSON_1111111111>', sealed)).toThrow(AppError);
    expect(() => cipher.open('t', '<PERSON_0000000000>', sealed)).toThrow(AppError);
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new PseudonymCipher(Buffer.alloc(16))).toThrow(/must be 32 bytes/);
  });
});
