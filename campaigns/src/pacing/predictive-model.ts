import { abandonPct, type TAbandonCount, type TAbandonment } from './abandonment.js';

/** One settled dial: how long after it was placed it settled, and whether a person answered. */
export interface TDialObservation {
  settledAfterSec: number;
  human: boolean;
}

/**
 * What the predictive pacer believes about the calls it places, re-estimated every few seconds
 * from recent dials. Plain numbers, so each decision can be logged with the model it used.
 */
export interface TPredictiveModel {
  /** the dial timeout: the tables run from 0 to this many seconds */
  horizonSec: number;
  /** share of dials answered by a person */
  humanRate: number;
  /** humanBy[s]: share of dials answered by a person within s seconds of dialling */
  humanBy: number[];
  /** settledBy[s]: share of dials settled (any outcome) within s seconds */
  settledBy: number[];
  meanTalkSec: number;
  /** recent talk times, ascending, for the remaining talk of the agents on a call (empty: memoryless) */
  talkSamplesSec?: number[];
  wrapSec: number;
  /**
   * expected surplus answers allowed per expected answer: the one knob the abandonment feedback
   * turns (higher dials harder)
   */
  overflowAllowance: number;
  /** recent dials behind the tables, besides the prior */
  observedDials: number;
}

export interface TPriorOptions {
  horizonSec?: number;
  humanRate?: number;
  /** people answer between these seconds after dialling, evenly */
  humanAnswerSec?: readonly [number, number];
  meanTalkSec?: number;
  wrapSec?: number;
  overflowAllowance?: number;
}

/** a deliberately vague starting belief; recent dials outweigh it within a few minutes */
export function priorModel(options: TPriorOptions = {}): TPredictiveModel {
  const horizonSec = options.horizonSec ?? 30;
  const humanRate = options.humanRate ?? 0.3;
  const [from, to] = options.humanAnswerSec ?? [6, 24];
  const humanBy: number[] = [];
  const settledBy: number[] = [];
  for (let s = 0; s <= horizonSec; s += 1) {
    const humans = humanRate * Math.min(1, Math.max(0, (s - from) / (to - from)));
    // the rest: half fail or ring busy within ten seconds, half ring out at the timeout
    const others = (1 - humanRate) * (0.5 * Math.min(1, s / 10) + (s >= horizonSec ? 0.5 : 0));
    humanBy.push(humans);
    settledBy.push(humans + others);
  }
  return { horizonSec, humanRate, humanBy, settledBy, meanTalkSec: options.meanTalkSec ?? 180, wrapSec: options.wrapSec ?? 20, overflowAllowance: options.overflowAllowance ?? 0.005, observedDials: 0 };
}

export interface TAdaptInput {
  model: TPredictiveModel;
  /** the prior every estimate is blended with */
  prior: TPredictiveModel;
  /** weight of the prior, in dials */
  priorWeight: number;
  recentDials: readonly TDialObservation[];
  recentTalkSec: readonly number[];
  abandonment: TAbandonment;
  /** answered and abandoned calls over a recent window (a few hundred answered calls) */
  recentAbandonment: TAbandonCount;
  capPct: number;
  /** the abandonment the feedback steers to, as a share of the cap (below 1 leaves headroom for chance) */
  targetShareOfCap: number;
  /** how hard one adjustment moves the allowance */
  gain: number;
}

const MIN_ALLOWANCE = 0.001;
const MAX_ALLOWANCE = 0.5;
/** answered calls before a measured rate is trusted */
const MIN_ANSWERED = 40;
/** conversations before their spread is used for the agents on a call */
const MIN_TALK_SAMPLES = 50;

/**
 * Multiplicative feedback on the allowance: up while abandonment runs under target, down when
 * over. The rate steered on is the recent one, but never below the day's or the campaign's
 * while those are over target, so a bad morning is paid back rather than forgotten.
 */
export function adjustAllowance(input: Pick<TAdaptInput, 'abandonment' | 'recentAbandonment' | 'capPct' | 'targetShareOfCap' | 'gain'> & { allowance: number }): number {
  const target = input.capPct * input.targetShareOfCap;
  const rates = [input.recentAbandonment, input.abandonment.today, input.abandonment.campaign].filter((c) => c.answered >= MIN_ANSWERED).map(abandonPct);
  if (rates.length === 0) return input.allowance;
  const [recent = 0, ...longer] = rates;
  const measured = Math.max(recent, ...longer.filter((r) => r > target));
  const factor = Math.exp(Math.max(-1, Math.min(1, (input.gain * (target - measured)) / target)));
  return Math.max(MIN_ALLOWANCE, Math.min(MAX_ALLOWANCE, input.allowance * factor));
}

/** re-estimates the answer tables and talk time from recent dials, and turns the allowance */
export function adaptPredictive(input: TAdaptInput): TPredictiveModel {
  const { prior, priorWeight } = input;
  const horizon = prior.horizonSec;
  const humans = new Array<number>(horizon + 1).fill(0);
  const settled = new Array<number>(horizon + 1).fill(0);
  for (const dial of input.recentDials) {
    const s = Math.min(horizon, Math.max(0, Math.ceil(dial.settledAfterSec)));
    settled[s] = (settled[s] ?? 0) + 1;
    if (dial.human) humans[s] = (humans[s] ?? 0) + 1;
  }
  const n = input.recentDials.length;
  const humanBy: number[] = [];
  const settledBy: number[] = [];
  let h = 0;
  let r = 0;
  for (let s = 0; s <= horizon; s += 1) {
    h += humans[s] ?? 0;
    r += settled[s] ?? 0;
    humanBy.push((priorWeight * (prior.humanBy[s] ?? 0) + h) / (priorWeight + n));
    settledBy.push((priorWeight * (prior.settledBy[s] ?? 0) + r) / (priorWeight + n));
  }
  const talk = input.recentTalkSec;
  const meanTalkSec = (priorWeight * prior.meanTalkSec + talk.reduce((a, b) => a + b, 0)) / (priorWeight + talk.length);
  return {
    horizonSec: horizon,
    humanRate: humanBy[horizon] ?? prior.humanRate,
    humanBy,
    settledBy,
    meanTalkSec,
    talkSamplesSec: talk.length >= MIN_TALK_SAMPLES ? [...talk].sort((a, b) => a - b) : [],
    wrapSec: input.model.wrapSec,
    overflowAllowance: adjustAllowance({ ...input, allowance: input.model.overflowAllowance }),
    observedDials: n,
  };
}
