import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../shared/random.js';
import { DEFAULT_CALL_MODEL, sampleDialFate, sampleTalkSec } from './call-model.js';

describe('call model', () => {
  const random = new SeededRandom(11);
  const fates = Array.from({ length: 100_000 }, () => sampleDialFate(DEFAULT_CALL_MODEL, random));
  const share = (kind: string) => fates.filter((f) => f.kind === kind).length / fates.length;

  it('draws outcomes in the configured shares: 35 % people, 10 % machines', () => {
    expect(share('human')).toBeCloseTo(0.35, 2);
    expect(share('machine')).toBeCloseTo(0.1, 2);
    expect(share('busy')).toBeCloseTo(0.08, 2);
    expect(share('unreachable')).toBeCloseTo(0.15, 2);
    expect(share('no_answer')).toBeCloseTo(0.32, 2);
  });

  it('settles every call by the dial timeout, unanswered ones exactly at it', () => {
    expect(Math.max(...fates.map((f) => f.settleAfterSec))).toBeLessThanOrEqual(30);
    expect(fates.filter((f) => f.kind === 'no_answer').every((f) => f.settleAfterSec === 30)).toBe(true);
    const humans = fates.filter((f) => f.kind === 'human').map((f) => f.settleAfterSec);
    expect(Math.min(...humans)).toBeGreaterThanOrEqual(3);
  });

  it('draws talk times with a mean of 180 s', () => {
    const talk = Array.from({ length: 50_000 }, () => sampleTalkSec(DEFAULT_CALL_MODEL, random));
    expect(talk.reduce((a, b) => a + b, 0) / talk.length).toBeGreaterThan(175);
    expect(talk.reduce((a, b) => a + b, 0) / talk.length).toBeLessThan(185);
  });
});
