/**
 * Rows queued during one turn of the event loop and written together just after it, so the caller's request never
 * waits on SQLite; readers call `flush` first, so a read never misses a finished call.
 */
export class WriteBehind<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(private readonly writeAll: (items: T[]) => void) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is queued now (before reads, and when the core closes). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    this.writeAll(items);
  }
}
