import { describe, expect, it } from 'vitest';
import { adaptHardLimitLevel, ratioDial, type TAdaptHardLimitInput } from './adapt-hard-limit.js';

const base: TAdaptHardLimitInput = {
  dialLevel: 1.5,
  agentsWaitingAvg: 0,
  callsWaitingAvg: 0,
  activeAgents: 25,
  today: { answered: 1000, abandoned: 10 },
  dropLimitPct: 3,
  maxLevel: 3,
  intensity: 0,
  diffTarget: 0,
};

describe('ADAPT_HARD_LIMIT level', () => {
  it('raises the level while agents wait and lowers it while calls wait', () => {
    expect(adaptHardLimitLevel({ ...base, agentsWaitingAvg: 5 }).dialLevel).toBeCloseTo(1.7);
    expect(adaptHardLimitLevel({ ...base, callsWaitingAvg: 2.5 }).dialLevel).toBeCloseTo(1.4);
    expect(adaptHardLimitLevel(base).dialLevel).toBe(1.5);
  });

  it('stays within [1, maximum level]', () => {
    expect(adaptHardLimitLevel({ ...base, dialLevel: 2.9, agentsWaitingAvg: 25 }).dialLevel).toBe(3);
    expect(adaptHardLimitLevel({ ...base, dialLevel: 1.1, callsWaitingAvg: 25 }).dialLevel).toBe(1);
  });

  it('falls to 1.0 once the day drop percentage exceeds the limit, and not at the limit', () => {
    expect(adaptHardLimitLevel({ ...base, dialLevel: 2.5, agentsWaitingAvg: 10, today: { answered: 1000, abandoned: 31 } })).toMatchObject({ dialLevel: 1, limited: true });
    expect(adaptHardLimitLevel({ ...base, dialLevel: 2.5, today: { answered: 1000, abandoned: 30 } })).toMatchObject({ dialLevel: 2.5, limited: false });
  });

  it('rises harder and falls softer with a positive intensity, the reverse with a negative one', () => {
    const up = { ...base, agentsWaitingAvg: 5 };
    const down = { ...base, callsWaitingAvg: 5 };
    expect(adaptHardLimitLevel({ ...up, intensity: 10 }).step).toBeGreaterThan(adaptHardLimitLevel(up).step);
    expect(adaptHardLimitLevel({ ...down, intensity: 10 }).step).toBeGreaterThan(adaptHardLimitLevel(down).step);
    expect(adaptHardLimitLevel({ ...down, intensity: -10 }).step).toBeLessThan(adaptHardLimitLevel(down).step);
  });

  it('aims at the difference target: one agent waiting on average holds the level at target -1', () => {
    expect(adaptHardLimitLevel({ ...base, agentsWaitingAvg: 1, diffTarget: -1 }).dialLevel).toBe(1.5);
  });
});

describe('ratio dialling', () => {
  it('opens lines until lines in use reach level × agents', () => {
    expect(ratioDial({ dialLevel: 2, activeAgents: 3, callsRinging: 2, callsWaiting: 0 })).toEqual({ dialNow: 4, linesTarget: 6 });
    expect(ratioDial({ dialLevel: 1, activeAgents: 2, callsRinging: 3, callsWaiting: 0 }).dialNow).toBe(0);
  });
});
