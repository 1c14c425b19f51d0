// Where reversible pseudonyms live. Values are sealed by PseudonymCipher before they reach a vault, so a
// vault (memory today, SQLite in guard_vault) only ever stores ciphertext.

export interface SealedValue {
  /** 12-byte AES-GCM nonce. */
  iv: Buffer;
  ciphertext: Buffer;
  /** 16-byte GCM authentication tag. */
  authTag: Buffer;
}

export interface VaultEntry extends SealedValue {
  /** What the pseudonyms are stable within: a conversation, a collection, an export. */
  scope: string;
  /** The token that replaced the value in text, e.g. `<PERSON_3f9a1c0b2e>`. */
  pseudonym: string;
  entityType: string;
  createdAt: string;
}

export interface PseudonymVault {
  /** Stores an entry; storing the same (scope, pseudonym) again keeps the first. */
  put(entry: VaultEntry): Promise<void>;
  get(scope: string, pseudonym: string): Promise<VaultEntry | undefined>;
  /** Forgets a scope (retention, or the user closed the conversation); returns how many entries went. */
  deleteScope(scope: string): Promise<number>;
}

export class InMemoryPseudonymVault implements PseudonymVault {
  private readonly entries = new Map<string, VaultEntry>();

  async put(entry: VaultEntry): Promise<void> {
    const key = `${entry.scope}\u0000${entry.pseudonym}`;
    if (!this.entries.has(key)) this.entries.set(key, { ...entry });
  }

  async get(scope: string, pseudonym: string): Promise<VaultEntry | undefined> {
    return this.entries.get(`${scope}\u0000${pseudonym}`);
  }

  async deleteScope(scope: string): Promise<number> {
    let deleted = 0;
    for (const [key, entry] of this.entries) {
      if (entry.scope === scope) {
        this.entries.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  get size(): number {
    return this.entries.size;
  }
}
