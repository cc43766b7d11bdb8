import { describe, expect, it } from 'vitest';
import { keyedHash53, keyedUniform, SeededRandom } from './random.js';

describe('keyedHash53', () => {
  it('is a function of seed and id only, and changes with either', () => {
    expect(keyedHash53(7, 123)).toBe(keyedHash53(7, 123));
    expect(keyedHash53(7, 123)).not.toBe(keyedHash53(8, 123));
    expect(keyedHash53(7, 123)).not.toBe(keyedHash53(7, 124));
    expect(keyedHash53(7, 2 ** 40 + 5)).not.toBe(keyedHash53(7, 5));
  });

  it('spreads ids evenly over [0, 1)', () => {
    const buckets = new Array<number>(10).fill(0);
    for (let id = 1; id <= 100_000; id += 1) {
      const bucket = Math.floor(keyedUniform(42, id) * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });
});

describe('SeededRandom', () => {
  it('repeats a stream for a seed and differs between seeds', () => {
    const a = new SeededRandom(1);
    const b = new SeededRandom(1);
    const c = new SeededRandom(2);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('draws log-normal values with the asked mean', () => {
    const random = new SeededRandom(3);
    let sum = 0;
    const n = 50_000;
    for (let i = 0; i < n; i += 1) sum += random.logNormal(180, 0.6);
    expect(sum / n).toBeGreaterThan(175);
    expect(sum / n).toBeLessThan(185);
  });
});
