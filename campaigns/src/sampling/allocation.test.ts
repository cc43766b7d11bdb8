import { describe, expect, it } from 'vitest';
import { allocate, largestRemainder } from './allocation.js';

const strata = (...eligible: number[]) => eligible.map((n, i) => ({ key: `s${i}`, eligible: n }));
const sizes = (m: Map<string, number>) => [...m.values()];

describe('proportional allocation', () => {
  it('gives each stratum the whole part of its share and the rest to the largest remainders', () => {
    // shares 3.5, 2.1, 1.4: floors 3, 2, 1 leave one unit, which goes to the .5
    expect(sizes(allocate({ method: 'proportional', total: 7 }, strata(50, 30, 20)))).toEqual([4, 2, 1]);
    // shares 4.4, 3.3, 2.2, 0.1 (of 10): floors 4, 3, 2, 0 leave one, to the .4
    expect(sizes(allocate({ method: 'proportional', total: 10 }, strata(44, 33, 22, 1)))).toEqual([5, 3, 2, 0]);
  });

  it('always sums to the total exactly and never strays a unit from the exact share', () => {
    let s = 12345;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    for (let trial = 0; trial < 200; trial += 1) {
      const eligible = Array.from({ length: 1 + (next() % 20) }, () => 1 + (next() % 5000));
      const total = next() % 3000;
      const result = allocate({ method: 'proportional', total }, strata(...eligible));
      const sum = eligible.reduce((a, b) => a + b, 0);
      expect(sizes(result).reduce((a, b) => a + b, 0)).toBe(total);
      eligible.forEach((n, i) => {
        const exact = (total * n) / sum;
        const got = result.get(`s${i}`) ?? -1;
        expect(got).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(got).toBeLessThanOrEqual(Math.ceil(exact));
      });
    }
  });

  it('breaks equal remainders towards the larger stratum, then by key', () => {
    expect(sizes(largestRemainder(1, [{ key: 'b', eligible: 5, weight: 1 }, { key: 'a', eligible: 5, weight: 1 }]))).toEqual([0, 1]);
    expect(sizes(largestRemainder(1, [{ key: 'a', eligible: 5, weight: 1 }, { key: 'b', eligible: 9, weight: 1 }]))).toEqual([0, 1]);
  });

  it('gives nothing when nothing is eligible', () => {
    expect(sizes(allocate({ method: 'proportional', total: 10 }, strata(0, 0)))).toEqual([0, 0]);
  });
});

describe('equal and fixed allocation', () => {
  it('splits the total evenly, the odd units to the larger strata', () => {
    expect(sizes(allocate({ method: 'equal', total: 10 }, strata(100, 500, 300)))).toEqual([3, 4, 3]);
    expect(sizes(allocate({ method: 'equal', total: 9 }, strata(1, 1, 1)))).toEqual([3, 3, 3]);
  });

  it('asks the same size of every stratum', () => {
    expect(sizes(allocate({ method: 'fixed', perStratum: 25 }, strata(10, 1000)))).toEqual([25, 25]);
  });

  it('refuses sizes that are not whole numbers', () => {
    expect(() => allocate({ method: 'proportional', total: 2.5 }, strata(1))).toThrow(RangeError);
    expect(() => allocate({ method: 'fixed', perStratum: -1 }, strata(1))).toThrow(RangeError);
  });
});
