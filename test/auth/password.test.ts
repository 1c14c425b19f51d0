import { describe, expect, test } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyNothing, verifyPassword } from '../../electron/core/auth/password.js';

describe('password hashing (scrypt, per-user salt, parameters stored with the hash)', () => {
  test('a hash names its parameters and salt, and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('the same password gets a different salt and hash each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  test('Unicode is normalised: a composed and a decomposed é are the same password', async () => {
    const hash = await hashPassword('caf\u00e9-au-lait');
    expect(await verifyPassword('cafe\u0301-au-lait', hash)).toBe(true);
  });

  test('verification uses the parameters stored with the hash; weaker ones ask for a rehash', async () => {
    const weak = await hashPassword('old password', { ln: 10, r: 8, p: 1 });
    expect(weak.startsWith('scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('old password', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('new password', DEFAULT_SCRYPT))).toBe(false);
  });

  test('malformed or tampered hashes never verify, and absurd parameters are refused before hashing', async () => {
    const hash = await hashPassword('secret password', { ln: 10, r: 8, p: 1 });
    const [, , salt, key] = hash.split('$');
    expect(await verifyPassword('secret password', `scrypt$ln=10,r=8,p=1$${salt}$${key!.slice(0, -2)}AA`)).toBe(false);
    expect(await verifyPassword('secret password', `scrypt$ln=30,r=8,p=1$${salt}$${key}`)).toBe(false);
    expect(await verifyPassword('secret password', `argon2id$v=19$${salt}$${key}`)).toBe(false);
    expect(await verifyPassword('secret password', '')).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  test('verifying against no account spends a real verification and fails', async () => {
    expect(await verifyNothing('anything at all')).toBe(false);
  });
});
