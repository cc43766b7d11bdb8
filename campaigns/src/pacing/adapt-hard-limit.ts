import { abandonPct, type TAbandonCount } from './abandonment.js';

/**
 * A baseline re-implemented from the public description of VICIdial's ADAPT_HARD_LIMIT dial
 * method (its manual and campaign help text), not from its source: every 15 seconds the dial
 * level (lines per agent) moves by the difference between agents waiting for calls and calls
 * waiting for agents, within [1, maximum level]; once the day's drop percentage exceeds the
 * limit the level is held at 1.0 until the percentage falls back under it. The intensity
 * modifier makes rises bigger and falls smaller (positive) or the reverse (negative); the
 * difference target asks for that many agents (negative) or calls (positive) waiting on average.
 */
export const ADAPT_INTERVAL_SEC = 15;

export interface TAdaptHardLimitInput {
  dialLevel: number;
  /** time-averaged over the interval since the last adjustment */
  agentsWaitingAvg: number;
  callsWaitingAvg: number;
  /** agents taking calls for the campaign (the tally the level multiplies) */
  activeAgents: number;
  today: TAbandonCount;
  dropLimitPct: number;
  maxLevel: number;
  /** -20 to 20; 0 leaves the step as computed */
  intensity: number;
  diffTarget: number;
}

export interface TAdaptHardLimitDecision {
  dialLevel: number;
  /** the step taken (or that would have been taken, when limited) */
  step: number;
  limited: boolean;
  dropPct: number;
}

export const DEFAULT_ADAPT_HARD_LIMIT = { dialLevel: 1, dropLimitPct: 3, maxLevel: 3, intensity: 0, diffTarget: 0 } as const;

export function adaptHardLimitLevel(input: TAdaptHardLimitInput): TAdaptHardLimitDecision {
  const dropPct = abandonPct(input.today);
  // positive: agents idle (dial more); negative: calls waiting (dial less)
  const difference = input.agentsWaitingAvg - input.callsWaitingAvg + input.diffTarget;
  const raw = difference / Math.max(1, input.activeAgents);
  const intensity = Math.max(-20, Math.min(20, input.intensity)) / 20;
  const step = raw >= 0 ? raw * Math.max(0.05, 1 + intensity) : raw * Math.max(0.05, 1 - intensity);
  if (dropPct > input.dropLimitPct) return { dialLevel: 1, step, limited: true, dropPct };
  return { dialLevel: Math.max(1, Math.min(input.maxLevel, input.dialLevel + step)), step, limited: false, dropPct };
}

export interface TRatioDialInput {
  dialLevel: number;
  /** agents the level multiplies: with "available only tally" (the setting used here) the ready ones */
  activeAgents: number;
  callsRinging: number;
  callsWaiting: number;
}

/** lines to open now so that lines in use reach level × agents */
export function ratioDial(input: TRatioDialInput): { dialNow: number; linesTarget: number } {
  const linesTarget = Math.round(input.dialLevel * input.activeAgents);
  return { dialNow: Math.max(0, linesTarget - input.callsRinging - input.callsWaiting), linesTarget };
}
