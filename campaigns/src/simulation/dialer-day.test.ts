import { describe, expect, it } from 'vitest';
import { adaptHardLimitPacer, predictivePacer, progressivePacer, type TPacer } from '../pacing/pacers.js';
import { simulateDialerDay } from './dialer-day.js';

/** dials a fixed number of lines whatever the floor: a reckless pacer that shows the 2-second rule at work */
function fixedLines(lines: number): TPacer {
  return { name: 'fixed', decide: (floor) => Math.max(0, lines - floor.ringingAgesSec.length), dialSettled() {}, talkEnded() {}, answered() {}, lastDecision: () => null };
}

describe('simulateDialerDay', () => {
  it('is reproducible from its seed', () => {
    const a = simulateDialerDay({ agents: 10, hours: 2, seed: 4 }, progressivePacer());
    const b = simulateDialerDay({ agents: 10, hours: 2, seed: 4 }, progressivePacer());
    const c = simulateDialerDay({ agents: 10, hours: 2, seed: 5 }, progressivePacer());
    expect(b).toEqual(a);
    expect(c.dials).not.toBe(a.dials);
  });

  it('never abandons a call with one line per ready agent', () => {
    const day = simulateDialerDay({ agents: 10, hours: 3, seed: 1 }, progressivePacer());
    expect(day.abandoned).toBe(0);
    expect(day.connected).toBe(day.answered);
    expect(day.answered / day.dials).toBeCloseTo(0.35, 1);
  });

  it('abandons answered calls that find no agent within 2 seconds', () => {
    const day = simulateDialerDay({ agents: 5, hours: 2, seed: 1 }, fixedLines(30));
    expect(day.abandoned).toBeGreaterThan(0);
    // every call a person answered reached an agent or was abandoned (a few may still wait at the end)
    expect(day.answered - day.connected - day.abandoned).toBeGreaterThanOrEqual(0);
    expect(day.answered - day.connected - day.abandoned).toBeLessThanOrEqual(5);
  });

  it('keeps agent time within what talk and wrap-up allow', () => {
    const day = simulateDialerDay({ agents: 10, hours: 2, seed: 1 }, fixedLines(40));
    expect(day.talkShare).toBeLessThan(180 / 200);
    expect(day.talkShare + day.idleShare).toBeLessThan(1);
    expect(day.hourly.map((h) => h.hour)).toEqual([0, 1]);
  });

  it('tells a clairvoyant pacer when each conversation ends, and changes nothing else', () => {
    const seen: { talking: number; longWrapUps: number }[] = [];
    const watching = (): TPacer => ({
      ...fixedLines(12),
      decide(floor) {
        seen.push({ talking: floor.talkingAgents, longWrapUps: floor.wrapUpRemainingSec.filter((s) => s > 20).length });
        return Math.max(0, 12 - floor.ringingAgesSec.length);
      },
    });
    const plain = simulateDialerDay({ agents: 5, hours: 1, seed: 3 }, watching());
    const plainSeen = seen.splice(0);
    const clairvoyant = simulateDialerDay({ agents: 5, hours: 1, seed: 3, clairvoyantAgents: true }, watching());
    // the same decisions meet the same calls and conversations
    expect(clairvoyant).toEqual(plain);
    // a plain floor shows talkers and wrap-ups of at most 20 s; a clairvoyant one shows each
    // talker as the end of talk plus wrap-up
    expect(plainSeen.some((f) => f.talking > 0)).toBe(true);
    expect(plainSeen.every((f) => f.longWrapUps === 0)).toBe(true);
    expect(seen.every((f) => f.talking === 0)).toBe(true);
    expect(seen.some((f) => f.longWrapUps > 0)).toBe(true);
  });

  it('gives predictive more talk time than progressive, under the 3 % cap, and ahead of ADAPT_HARD_LIMIT on both', () => {
    const config = { agents: 10, hours: 12, seed: 2 };
    const progressive = simulateDialerDay(config, progressivePacer());
    const adapt = simulateDialerDay(config, adaptHardLimitPacer());
    const predictive = simulateDialerDay(config, predictivePacer());
    expect(predictive.talkMinutesPerAgentHour).toBeGreaterThan(1.05 * progressive.talkMinutesPerAgentHour);
    expect(predictive.talkMinutesPerAgentHour).toBeGreaterThan(adapt.talkMinutesPerAgentHour);
    expect(predictive.abandonPct).toBeLessThanOrEqual(3);
    expect(predictive.abandonPct).toBeLessThan(adapt.abandonPct);
  });
});
