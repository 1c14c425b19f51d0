import { seededRandom } from '../../../electron/core/eval/stats/bootstrap.js';

// The core's seeded generator (mulberry32) with the picks a generator needs: the synthetic set must be the same on
// every run and machine.
export class SeededRandom {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
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
