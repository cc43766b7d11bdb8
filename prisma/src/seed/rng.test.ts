import { describe, expect, it } from 'vitest';
import { aadhaarFromIndex, isValidVerhoeff, verhoeffDigit } from './aadhaar.js';
import { ageInYears, dayFromIso, isoDate, monthStart, yearsBefore } from './calendar.js';
import { Permutation, Rng } from './rng.js';

describe('Rng', () => {
  it('repeats a stream for the same (seed, label, index) and differs otherwise', () => {
    const draw = (seed: number, label: string, index: number): number[] => {
      const r = new Rng(seed, label, index);
      return Array.from({ length: 8 }, () => r.int(0, 1_000_000));
    };
    expect(draw(1, 'household', 5)).toEqual(draw(1, 'household', 5));
    expect(draw(1, 'household', 5)).not.toEqual(draw(1, 'household', 6));
    expect(draw(1, 'household', 5)).not.toEqual(draw(2, 'household', 5));
    expect(draw(1, 'household', 5)).not.toEqual(draw(1, 'facilities', 5));
  });

  it('draws integers within bounds and roughly uniformly', () => {
    const r = new Rng(3, 'uniform');
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const v = r.int(0, 9);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('does not correlate the first draw of neighbouring household streams', () => {
    const firsts = Array.from({ length: 2000 }, (_, i) => new Rng(1, 'household', i).float());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
    let ups = 0;
    for (let i = 1; i < firsts.length; i++) if ((firsts[i] ?? 0) > (firsts[i - 1] ?? 0)) ups++;
    expect(Math.abs(ups / firsts.length - 0.5)).toBeLessThan(0.05);
  });
});

describe('Permutation', () => {
  it.each([2, 10, 1000, 12_345])('is a bijection on [0, %i)', (range) => {
    const p = new Permutation(range, 9, 'test');
    const seen = new Set<number>();
    for (let i = 0; i < range; i++) {
      const v = p.apply(i);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(range);
      seen.add(v);
    }
    expect(seen.size).toBe(range);
  });

  it('is keyed by the seed and rejects indexes outside the range', () => {
    const a = new Permutation(1e7, 1, 'card');
    const b = new Permutation(1e7, 2, 'card');
    expect([0, 1, 2].map((i) => a.apply(i))).not.toEqual([0, 1, 2].map((i) => b.apply(i)));
    expect(() => a.apply(1e7)).toThrow(RangeError);
    expect(new Permutation(9e11, 1, 'app').apply(9e11 - 1)).toBeLessThan(9e11);
  });
});

describe('Aadhaar numbers', () => {
  it('computes Verhoeff check digits', () => {
    expect(verhoeffDigit('236')).toBe(3);
    expect(isValidVerhoeff('2363')).toBe(true);
    expect(isValidVerhoeff('2364')).toBe(false);
  });

  it('builds 12 digits starting 2–9 with a valid check digit', () => {
    for (const index of [0, 1, 9_999_999_999, 10_000_000_000, 79_999_999_999]) {
      const n = aadhaarFromIndex(index);
      expect(n).toMatch(/^[2-9]\d{11}$/);
      expect(isValidVerhoeff(n)).toBe(true);
    }
  });
});

describe('calendar', () => {
  it('agrees with Date for ages and anniversaries', () => {
    const ref = (b: number, o: number): number => {
      const B = new Date(b * 86_400_000);
      const O = new Date(o * 86_400_000);
      let a = O.getUTCFullYear() - B.getUTCFullYear();
      if (O.getUTCMonth() < B.getUTCMonth() || (O.getUTCMonth() === B.getUTCMonth() && O.getUTCDate() < B.getUTCDate())) a--;
      return a;
    };
    const asOf = dayFromIso('2026-11-01');
    for (let b = dayFromIso('1930-01-01'); b < asOf; b += 97) expect(ageInYears(b, asOf)).toBe(ref(b, asOf));
    expect(isoDate(yearsBefore(dayFromIso('2024-02-29'), 1))).toBe('2023-02-28');
    expect(isoDate(yearsBefore(dayFromIso('2024-02-29'), 4))).toBe('2020-02-29');
    expect(() => dayFromIso('2026-02-30')).toThrow();
    expect(isoDate(monthStart(asOf, -12))).toBe('2025-11-01');
    expect(isoDate(monthStart(dayFromIso('2026-01-15'), -1))).toBe('2025-12-01');
    expect(isoDate(monthStart(dayFromIso('2025-12-31'), 1))).toBe('2026-01-01');
  });
});
