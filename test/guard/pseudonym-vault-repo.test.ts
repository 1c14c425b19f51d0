import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../native/sqlite/open.js';
import { PiiAnalyzer } from '../../electron/core/guard/pii/pii-analyzer.js';
import { pseudonymize, restore } from '../../electron/core/guard/redactor.js';
import { PseudonymCipher } from '../../electron/core/guard/vault/pseudonym-cipher.js';
import { SqlitePseudonymVault } from '../../electron/core/guard/vault/pseudonym-vault.repo.js';
import { tempDir } from '../helpers/fixtures.js';

describe('pseudonym vault in SQLite', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('stores only ciphertext, survives reopening, restores, purges by scope and age', async () => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, 'enclave.db');
    const key = randomBytes(32);
    const text = 'Send the contract to maria.rossi@example.it before Friday.';
    const findings = new PiiAnalyzer().analyze(text, { minScore: 0.4 });
    let opened = openDatabase(file);
    cleanups.push(() => tmp.cleanup());
    const first = await pseudonymize(text, findings, { cipher: new PseudonymCipher(key), vault: new SqlitePseudonymVault(opened.db), scope: 'chat-1' });
    const raw = opened.db.prepare('SELECT * FROM guard_vault').all() as Array<Record<string, unknown>>;
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain('maria');
    opened.db.close();

    opened = openDatabase(file);
    cleanups.unshift(() => opened.db.close());
    const vault = new SqlitePseudonymVault(opened.db);
    expect(await restore(first.text, { cipher: new PseudonymCipher(key), vault, scope: 'chat-1' })).toBe(text);
    await expect(restore(first.text, { cipher: new PseudonymCipher(randomBytes(32)), vault, scope: 'chat-1' })).rejects.toThrow(/does not match/);
    await pseudonymize(text, findings, { cipher: new PseudonymCipher(key), vault, scope: 'chat-2' });
    expect(await vault.deleteScope('chat-1')).toBe(1);
    expect(vault.purgeCreatedBefore(new Date(Date.now() + 60_000).toISOString())).toBe(1);
    expect(opened.db.prepare('SELECT count(*) AS n FROM guard_vault').get()).toEqual({ n: 0 });
  });
});
