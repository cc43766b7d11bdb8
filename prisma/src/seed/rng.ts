import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

// Every random draw of the seed comes from here. A stream is derived from (seed, purpose,
// index) by hashing, so household 734 gets the same draws whether it is generated first or
// in the last batch, and the batches of a load never depend on each other.

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

/** a 32-bit FNV-1a hash of a short label such as 'household' */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const TWO_POW_32 = 4294967296;

export class Rng {
  private readonly gen: RandomGenerator;

  /**
   * pure-rand's xoroshiro128+ seeded with four well-mixed words: its one-number constructor
   * leaves half the state zero, which correlates the first draws of neighbouring seeds.
   */
  constructor(seed: number, label: string, index = 0) {
    const tag = hashLabel(label);
    const a = fmix32(seed ^ fmix32(tag));
    const b = fmix32(a ^ fmix32(index + 0x9e3779b9));
    const c = fmix32(b ^ Math.imul(index, 0x27d4eb2f) ^ 0x165667b1);
    const d = fmix32(c ^ tag ^ 0x5bd1e995) | 1; // never an all-zero state
    this.gen = xoroshiro128plus.fromState([a, b, c, d]);
    // a few draws to move away from the hashed start
    for (let i = 0; i < 4; i++) this.gen.unsafeNext();
  }

  /** uniform in [0, 1) */
  float(): number {
    return (this.gen.unsafeNext() >>> 0) / TWO_POW_32;
  }

  /** uniform integer in [min, max], both included */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** picks a key of a table of weights (weights need not sum to 1) */
  weighted<K extends string | number>(table: readonly (readonly [K, number])[]): K {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.float() * total;
    for (const [key, w] of table) {
      r -= w;
      if (r < 0) return key;
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty table');
    return last[0];
  }

  /** n random decimal digits as a string, the first in [firstMin, 9] */
  digits(n: number, firstMin = 0): string {
    let s = String(this.int(firstMin, 9));
    for (let i = 1; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/**
 * A keyed bijection on [0, range): a balanced Feistel network on the smallest even number of
 * bits that covers the range, with cycle-walking to stay inside it. Sequential ids become
 * unique, random-looking numbers (card numbers, mobiles, Aadhaar, application numbers) with no
 * collision check and no memory.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly halfSize: number;
  private readonly mask: number;
  private readonly keys: readonly number[];

  constructor(
    private readonly range: number,
    seed: number,
    label: string,
  ) {
    if (!Number.isSafeInteger(range) || range < 2) throw new RangeError('range must be an integer of at least 2');
    let bits = Math.ceil(Math.log2(range));
    if (bits % 2 === 1) bits += 1;
    this.halfBits = Math.max(bits / 2, 1);
    // halves up to 26 bits keep left * 2^half + right exact in a double
    if (this.halfBits > 26) throw new RangeError('range too large for the permutation');
    this.halfSize = 2 ** this.halfBits;
    this.mask = this.halfSize - 1;
    const r = new Rng(seed, `permutation:${label}`);
    this.keys = [0, 1, 2, 3, 4, 5].map(() => r.int(0, 0x7fffffff));
  }

  apply(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.range) throw new RangeError(`index ${i} outside the permutation`);
    let v = this.encrypt(i);
    while (v >= this.range) v = this.encrypt(v);
    return v;
  }

  private encrypt(v: number): number {
    let left = Math.floor(v / this.halfSize);
    let right = v % this.halfSize;
    for (const key of this.keys) {
      const f = (fmix32(right ^ key) >>> 0) & this.mask;
      const next = (left ^ f) >>> 0;
      left = right;
      right = next & this.mask;
    }
    return left * this.halfSize + right;
  }
}
