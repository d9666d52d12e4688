/**
 * Seeded randomness for the demo data: the same seed and clock give the same rows, ids included,
 * so screenshots, e2e tests and bug reports against the demo are reproducible.
 */
import { UUID } from 'uuidv7';

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for fake data, never for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** [0, 1) */
  float(): number {
    return this.next();
  }
  /** [min, max) */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }
  /** Picks by relative weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  /** Standard normal (Box–Muller). */
  gaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median; sigma is the spread of the log. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.gaussian());
  }
}

/**
 * Deterministic UUIDv7s: the timestamp field is the row's own time (so ids sort like the
 * history they describe) and the random fields come from a seeded stream.
 */
export function uuidv7Factory(seed: number): (at: Date | number) => string {
  const rng = mulberry32(seed);
  const bits = (n: number) => Math.floor(rng() * 2 ** n);
  return (at) => {
    const ms = Math.max(0, Math.floor(typeof at === 'number' ? at : at.getTime()));
    return UUID.fromFieldsV7(ms, bits(12), bits(30), bits(32)).toString();
  };
}
