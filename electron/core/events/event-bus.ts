import type { CoreEvent, EventPayloads, Topic } from '../contract/events.js';

export type EventListener = (event: CoreEvent) => void;

/** Core → shells. Listeners must not throw into the core: a failing shell listener is isolated and reported. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<T extends Topic>(topic: T, data: EventPayloads[T]): void {
    const event = { topic, data } as CoreEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        process.stderr.write(`[events] listener failed on ${topic}: ${(error as Error).stack ?? String(error)}\n`);
      }
    }
  }
}
