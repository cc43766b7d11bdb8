import { describe, expect, it } from 'vitest';
import { adaptHardLimitPacer, predictivePacer, progressivePacer, type TDialFloor } from './pacers.js';

const none = { answered: 0, abandoned: 0 };
const floor = (at: number, overrides: Partial<TDialFloor> = {}): TDialFloor => ({
  at,
  readyAgents: 2,
  talkingAgents: 8,
  wrapUpRemainingSec: [],
  ringingAgesSec: [],
  callsWaiting: 0,
  abandonment: { today: none, campaign: none },
  ...overrides,
});

describe('pacers', () => {
  it('progressive passes the floor to the pure decision', () => {
    const pacer = progressivePacer();
    expect(pacer.decide(floor(0, { readyAgents: 3, ringingAgesSec: [1] }))).toBe(2);
    expect(pacer.lastDecision()).toMatchObject({ dialNow: 2, linesPerAgent: 1 });
  });

  it('ADAPT_HARD_LIMIT moves its level only every 15 seconds, from time-averaged waiting agents', () => {
    const pacer = adaptHardLimitPacer();
    // two agents wait the whole time: level 1 dials one line each until the first adjustment
    expect(pacer.decide(floor(0))).toBe(2);
    expect(pacer.decide(floor(14))).toBe(2);
    expect(pacer.lastDecision()).toBeNull();
    // after 15 s the level rises by 2 waiting / 10 active agents: 1.2 × 5 ready agents → 6 lines
    expect(pacer.decide(floor(15, { readyAgents: 5, talkingAgents: 5 }))).toBe(6);
    const decision = pacer.lastDecision();
    expect(decision).toMatchObject({ limited: false });
    expect(decision && 'dialLevel' in decision ? decision.dialLevel : 0).toBeCloseTo(1.2);
  });

  it('predictive learns the answer rate from the calls it hears about', () => {
    const pacer = predictivePacer({ priorWeight: 10, prior: { humanRate: 0.3 } });
    pacer.decide(floor(0));
    for (let i = 0; i < 90; i += 1) pacer.dialSettled({ settledAfterSec: 12, human: i % 10 < 6 });
    pacer.decide(floor(10));
    const decision = pacer.lastDecision();
    expect(decision).toMatchObject({ mode: 'predictive' });
    expect(decision && 'humanRate' in decision ? decision.humanRate : 0).toBeCloseTo((0.3 * 10 + 54) / 100);
  });
});
