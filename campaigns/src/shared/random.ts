/**
 * Seeded randomness for sampling and simulation. Not cryptographic: the aim is that the same
 * seed and inputs give the same result on every machine, so a campaign's sample and a
 * benchmark's figures can be reproduced.
 */

/** lowbias32 (Chris Wellons' integer hash): a fast 32-bit mixer with good avalanche */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const TWO_POW_21 = 2 ** 21;
const TWO_POW_32 = 2 ** 32;

/**
 * A 53-bit hash of (seed, id), uniform enough to rank rows: the rows with the lowest hashes
 * form a simple random sample, whatever order they arrive in. `id` is a non-negative integer
 * below 2^53 (a database id).
 */
export function keyedHash53(seed: number, id: number): number {
  const low = id >>> 0;
  const high = Math.floor(id / TWO_POW_32) >>> 0;
  const key = mix32(seed ^ 0x9e3779b9);
  const a = mix32(key ^ low);
  const b = mix32(a ^ high ^ 0x85ebca6b);
  const c = mix32(b ^ low ^ 0xc2b2ae35);
  return (b >>> 11) * TWO_POW_32 + c;
}

/** keyedHash53 scaled to [0, 1) */
export function keyedUniform(seed: number, id: number): number {
  return keyedHash53(seed, id) / (TWO_POW_21 * TWO_POW_32);
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast chaotic generator), seeded through lowbias32 so that
 * nearby seeds give unrelated streams.
 */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0x243f6a88);
    this.b = mix32(seed ^ 0x85a308d3);
    this.c = mix32(seed ^ 0x13198a2e);
    this.d = 1;
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** uniform in [0, 1) */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / TWO_POW_32;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** standard normal (Box–Muller; one of the pair is dropped to keep the stream simple) */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** log-normal with the given mean and shape sigma (the standard deviation of its logarithm) */
  logNormal(mean: number, sigma: number): number {
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    return Math.exp(mu + sigma * this.normal());
  }
}
