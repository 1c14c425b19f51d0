import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What an area knows about a model call that the call itself does not carry: which registry prompt version it
 * renders (usage by prompt, cache invalidation), and for RAG the collection and the caller's access set (the cache key
 * must never let an answer cross an access list). The area wraps its call in `gatewayTags.run`; the gateway reads it.
 */
export interface GatewayTags {
  prompt?: string;
  collection?: string;
  /** The collection's state the answer was grounded in (settings version, active index): part of the cache key. */
  collectionVersion?: string;
  accessSet?: readonly string[];
  /**
   * Set by eval runs: a case measures the model (its text, latency, tokens per second), so it is neither answered
   * from the response cache nor written to it.
   */
  bypassCache?: boolean;
}

const store = new AsyncLocalStorage<GatewayTags>();

export const gatewayTags = {
  run<T>(tags: GatewayTags, work: () => T): T {
    return store.run({ ...store.getStore(), ...tags }, work);
  },
  current(): GatewayTags {
    return store.getStore() ?? {};
  },
};
