import { describe, expect, it } from 'vitest';
import { expectedExcess, normalCdf } from './normal.js';

describe('normal helpers', () => {
  it('computes the distribution function', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-1.96)).toBeCloseTo(0.025, 4);
  });

  it('computes the expected excess over a level, matching numeric integration', () => {
    const [mean, variance, s] = [3, 4, 4];
    let numeric = 0;
    for (let x = -20; x < 30; x += 0.001) numeric += Math.max(0, x - s) * Math.exp(-((x - mean) ** 2) / (2 * variance)) * 0.001;
    numeric /= Math.sqrt(2 * Math.PI * variance);
    expect(expectedExcess(mean, variance, s)).toBeCloseTo(numeric, 4);
    expect(expectedExcess(5, 0, 3)).toBe(2);
    expect(expectedExcess(2, 0, 3)).toBe(0);
  });
});
