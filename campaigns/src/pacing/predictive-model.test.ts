import { describe, expect, it } from 'vitest';
import { adaptPredictive, adjustAllowance, priorModel, type TDialObservation } from './predictive-model.js';

const quiet = { today: { answered: 0, abandoned: 0 }, campaign: { answered: 0, abandoned: 0 } };

describe('priorModel', () => {
  it('builds cumulative tables that end at the answer rate and at every call settled', () => {
    const prior = priorModel({ humanRate: 0.35, horizonSec: 30 });
    expect(prior.humanBy).toHaveLength(31);
    expect(prior.humanBy.at(-1)).toBeCloseTo(0.35);
    expect(prior.settledBy.at(-1)).toBeCloseTo(1);
    for (let s = 1; s <= 30; s += 1) expect(prior.settledBy[s] ?? 0).toBeGreaterThanOrEqual(prior.settledBy[s - 1] ?? 0);
  });
});

describe('adaptPredictive', () => {
  const prior = priorModel({ humanRate: 0.3, horizonSec: 30 });
  // 40 % answered by a person at 10 s, the rest ring out at 30 s
  const dials: TDialObservation[] = Array.from({ length: 100 }, (_, i) => (i % 5 < 2 ? { settledAfterSec: 9.5, human: true } : { settledAfterSec: 30, human: false }));
  const adapt = (priorWeight: number) =>
    adaptPredictive({ model: prior, prior, priorWeight, recentDials: dials, recentTalkSec: [100, 200], abandonment: quiet, recentAbandonment: { answered: 0, abandoned: 0 }, capPct: 3, targetShareOfCap: 0.85, gain: 0.01 });

  it('learns the answer rate, answer times and talk time from recent dials', () => {
    const model = adapt(0);
    expect(model.humanRate).toBeCloseTo(0.4);
    expect(model.humanBy[9]).toBe(0);
    expect(model.humanBy[10]).toBeCloseTo(0.4);
    expect(model.settledBy[29]).toBeCloseTo(0.4);
    expect(model.meanTalkSec).toBe(150);
  });

  it('blends with the prior by its weight', () => {
    expect(adapt(100).humanRate).toBeCloseTo(0.35);
  });
});

describe('adjustAllowance', () => {
  const input = { allowance: 0.01, capPct: 3, targetShareOfCap: 0.85, gain: 0.5, abandonment: quiet };
  it('dials harder while abandonment runs under target and softer while over', () => {
    expect(adjustAllowance({ ...input, recentAbandonment: { answered: 400, abandoned: 2 } })).toBeGreaterThan(0.01);
    expect(adjustAllowance({ ...input, recentAbandonment: { answered: 400, abandoned: 20 } })).toBeLessThan(0.01);
  });

  it('waits for enough answers before trusting a rate', () => {
    expect(adjustAllowance({ ...input, recentAbandonment: { answered: 10, abandoned: 5 } })).toBe(0.01);
  });

  it('pays back a day over target even when the recent rate is low', () => {
    const overToday = { today: { answered: 500, abandoned: 20 }, campaign: { answered: 500, abandoned: 20 } };
    expect(adjustAllowance({ ...input, abandonment: overToday, recentAbandonment: { answered: 400, abandoned: 0 } })).toBeLessThan(0.01);
  });

  it('keeps the allowance within its bounds', () => {
    expect(adjustAllowance({ ...input, allowance: 0.001, recentAbandonment: { answered: 400, abandoned: 400 } })).toBe(0.001);
    expect(adjustAllowance({ ...input, allowance: 0.5, recentAbandonment: { answered: 400, abandoned: 0 } })).toBe(0.5);
  });
});
