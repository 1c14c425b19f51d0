import type { CoreEvent, EventAudience, EventPayloads, Topic } from '../contract/events.js';

export type EventListener = (event: CoreEvent) => void;

/** Core → shells. Listeners must not throw into the core: a failing shell listener is isolated and reported. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private audienceOf: ((event: CoreEvent) => EventAudience | undefined) | undefined;

  /** Decides each event's audience as it is emitted (the core sets it once it has its job runner). */
  setAudience(audienceOf: (event: CoreEvent) => EventAudience | undefined): void {
    this.audienceOf = audienceOf;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<T extends Topic>(topic: T, data: EventPayloads[T]): void {
    const event = { topic, data } as CoreEvent;
    const audience = this.audienceOf?.(event);
    if (audience) event.audience = audience;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        process.stderr.write(`[events] listener failed on ${topic}: ${(error as Error).stack ?? String(error)}\n`);
      }
    }
  }
}
