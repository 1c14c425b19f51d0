// A small seeded generator (mulberry32): the synthetic set must be the same on every run and machine.

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Faker's masks: `#` any digit, `%` a digit 1–9, `A` an upper-case letter; other characters stay. */
  fill(mask: string): string {
    let out = '';
    for (const ch of mask) {
      if (ch === '#') out += String(this.int(0, 9));
      else if (ch === '%') out += String(this.int(1, 9));
      else if (ch === 'A') out += String.fromCharCode(65 + this.int(0, 25));
      else out += ch;
    }
    return out;
  }
}
