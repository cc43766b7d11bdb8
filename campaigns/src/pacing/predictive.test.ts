import { describe, expect, it } from 'vitest';
import { predictiveDial, type TPredictiveInput } from './predictive.js';
import { priorModel } from './predictive-model.js';

const model = priorModel({ humanRate: 0.35, horizonSec: 30, humanAnswerSec: [8, 26], overflowAllowance: 0.01 });
const none = { answered: 0, abandoned: 0 };
const base: TPredictiveInput = {
  readyAgents: 0,
  talkingAgents: 0,
  wrapUpRemainingSec: [],
  ringingAgesSec: [],
  callsWaiting: 0,
  model,
  abandonment: { today: none, campaign: none },
  capPct: 3,
  graceSec: 2,
  maxLinesPerAgent: 3,
};

describe('predictiveDial', () => {
  it('dials more than one line per ready agent when few answer', () => {
    const decision = predictiveDial({ ...base, readyAgents: 10, talkingAgents: 15 });
    expect(decision.mode).toBe('predictive');
    expect(decision.dialNow).toBeGreaterThan(10);
    expect(decision.dialNow).toBeLessThanOrEqual(3 * 25);
  });

  it('counts the calls already ringing', () => {
    const idle = predictiveDial({ ...base, readyAgents: 10, talkingAgents: 15 }).dialNow;
    expect(predictiveDial({ ...base, readyAgents: 10, talkingAgents: 15, ringingAgesSec: [1, 2, 3, 4, 5, 6, 7, 8] }).dialNow).toBeLessThan(idle);
  });

  it('dials for agents about to finish wrap-up, not for those far from it', () => {
    const soon = predictiveDial({ ...base, talkingAgents: 10, wrapUpRemainingSec: [8, 9, 10, 11, 12] });
    const later = predictiveDial({ ...base, talkingAgents: 10, wrapUpRemainingSec: [40, 41, 42, 43, 44] });
    expect(soon.dialNow).toBeGreaterThan(0);
    expect(later.dialNow).toBe(0);
  });

  it('dials harder with a larger allowance', () => {
    const at = (overflowAllowance: number) => predictiveDial({ ...base, readyAgents: 5, talkingAgents: 20, model: { ...model, overflowAllowance } }).dialNow;
    expect(at(0.05)).toBeGreaterThan(at(0.002));
  });

  it('never dials fewer than one line per ready agent', () => {
    const strict = { ...model, overflowAllowance: 0 };
    expect(predictiveDial({ ...base, readyAgents: 4, model: strict }).dialNow).toBe(4);
  });

  it('stays under the line ceiling', () => {
    const greedy = { ...model, overflowAllowance: 100 };
    expect(predictiveDial({ ...base, readyAgents: 2, talkingAgents: 2, ringingAgesSec: [1, 1], model: greedy, maxLinesPerAgent: 2 }).dialNow).toBe(6);
  });

  it('falls back to one line per ready agent when the day or the campaign reaches the cap', () => {
    const over = { answered: 100, abandoned: 3 };
    for (const abandonment of [{ today: over, campaign: none }, { today: none, campaign: over }]) {
      const decision = predictiveDial({ ...base, readyAgents: 6, talkingAgents: 19, ringingAgesSec: [2, 5], abandonment });
      expect(decision).toMatchObject({ mode: 'capped', dialNow: 4 });
    }
  });

  it('takes and returns plain objects that survive JSON', () => {
    const input = { ...base, readyAgents: 3, talkingAgents: 7, wrapUpRemainingSec: [4], ringingAgesSec: [2] };
    expect(JSON.parse(JSON.stringify(input))).toEqual(input);
    const decision = predictiveDial(input);
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });
});
