import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/** The one thing the pure scheduling functions need from a random source. */
export interface TRandom {
  /** uniform in [0, 1) */
  float(): number;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output */
function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const TWO_POW_32 = 4294967296;

/**
 * Seeded randomness for the simulator. Each concern draws from its own stream, named by a
 * label (`ids`, `dialling`, `traffic`), so adding a draw in one place never shifts another's.
 */
export class SimRandom implements TRandom {
  private readonly gen: RandomGenerator;

  constructor(
    readonly seed: number,
    readonly label = 'root',
  ) {
    // four well-mixed words: xoroshiro's one-number constructor leaves half its state zero
    const a = fmix32(seed ^ fmix32(hashLabel(label)));
    const b = fmix32(a ^ 0x9e3779b9);
    const c = fmix32(b ^ 0x165667b1);
    const d = fmix32(c ^ 0x5bd1e995) | 1;
    this.gen = xoroshiro128plus.fromState([a, b, c, d]);
  }

  /** an independent stream for another concern, derived from the same seed */
  stream(label: string): SimRandom {
    return new SimRandom(this.seed, `${this.label}/${label}`);
  }

  private u32(): number {
    return this.gen.unsafeNext() >>> 0;
  }

  float(): number {
    return this.u32() / TWO_POW_32;
  }

  /** uniform integer in [min, max], both included */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** uniform in [min, max) */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** a key of a table of weights (weights need not sum to 1) */
  weighted<K>(table: readonly (readonly [K, number])[]): K {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.float() * total;
    for (const [key, w] of table) {
      r -= w;
      if (r < 0) return key;
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty table');
    return last[0];
  }

  /** n decimal digits */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** a version-4-shaped UUID from the stream, so ids replay with the seed */
  uuid(): string {
    const w0 = this.u32();
    const w1 = ((this.u32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.u32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.u32();
    const hex = [w0, w1, w2, w3].map((w) => w.toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** an exponentially distributed wait with this mean: the gap between events of a Poisson process */
export function exponential(random: TRandom, mean: number): number {
  return -Math.log(1 - random.float()) * mean;
}
