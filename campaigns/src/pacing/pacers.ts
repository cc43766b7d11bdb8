import type { TAbandonCount, TAbandonment } from './abandonment.js';
import { ADAPT_INTERVAL_SEC, adaptHardLimitLevel, DEFAULT_ADAPT_HARD_LIMIT, ratioDial, type TAdaptHardLimitDecision } from './adapt-hard-limit.js';
import { predictiveDial, DEFAULT_PREDICTIVE, type TPredictiveDecision } from './predictive.js';
import { adaptPredictive, priorModel, type TDialObservation, type TPredictiveModel, type TPriorOptions } from './predictive-model.js';
import { progressive } from './progressive.js';

/** The state of the floor a pacer sees at each decision. */
export interface TDialFloor {
  /** seconds on a monotonic clock */
  at: number;
  readyAgents: number;
  talkingAgents: number;
  /** seconds each talking agent has been on their call, where known */
  talkElapsedSec?: readonly number[];
  wrapUpRemainingSec: readonly number[];
  ringingAgesSec: readonly number[];
  callsWaiting: number;
  abandonment: TAbandonment;
}

/**
 * A pacing strategy with the little memory it needs (recent dials, the current dial level)
 * around the pure decision functions. A dial worker or the simulator feeds it the floor and what
 * happened to the calls; it answers how many calls to place now.
 */
export interface TPacer {
  readonly name: string;
  decide(floor: TDialFloor): number;
  dialSettled(observation: TDialObservation): void;
  talkEnded(talkSec: number): void;
  /** a person answered; `abandoned` when no agent took the call in time */
  answered(abandoned: boolean): void;
  /** the last decision with its inputs' summary, for the log */
  lastDecision(): object | null;
}

/** remembers the last n values */
class Recent<T> {
  readonly values: T[] = [];
  constructor(private readonly size: number) {}
  push(value: T): void {
    this.values.push(value);
    if (this.values.length > this.size) this.values.shift();
  }
}

export function progressivePacer(): TPacer {
  let last: object | null = null;
  return {
    name: 'progressive',
    decide(floor) {
      const decision = progressive({ readyAgents: floor.readyAgents, callsRinging: floor.ringingAgesSec.length, callsWaiting: floor.callsWaiting });
      last = { at: floor.at, ...decision };
      return decision.dialNow;
    },
    dialSettled() {},
    talkEnded() {},
    answered() {},
    lastDecision: () => last,
  };
}

export interface TAdaptHardLimitOptions {
  dropLimitPct?: number;
  maxLevel?: number;
  intensity?: number;
  diffTarget?: number;
  intervalSec?: number;
}

export function adaptHardLimitPacer(options: TAdaptHardLimitOptions = {}): TPacer {
  const settings = { ...DEFAULT_ADAPT_HARD_LIMIT, ...options };
  const intervalSec = options.intervalSec ?? ADAPT_INTERVAL_SEC;
  let level: number = settings.dialLevel;
  let since: number | null = null;
  let previous: { at: number; agentsWaiting: number; callsWaiting: number } | null = null;
  let agentSeconds = 0;
  let callSeconds = 0;
  let last: (TAdaptHardLimitDecision & { at: number }) | null = null;
  return {
    name: 'adapt-hard-limit',
    decide(floor) {
      // time-weighted averages of agents and calls waiting between adjustments
      if (previous) {
        const dt = floor.at - previous.at;
        agentSeconds += dt * previous.agentsWaiting;
        callSeconds += dt * previous.callsWaiting;
      }
      since ??= floor.at;
      previous = { at: floor.at, agentsWaiting: floor.readyAgents, callsWaiting: floor.callsWaiting };
      const elapsed = floor.at - since;
      if (elapsed >= intervalSec) {
        const decision = adaptHardLimitLevel({
          dialLevel: level,
          agentsWaitingAvg: agentSeconds / elapsed,
          callsWaitingAvg: callSeconds / elapsed,
          activeAgents: floor.readyAgents + floor.talkingAgents + floor.wrapUpRemainingSec.length,
          today: floor.abandonment.today,
          dropLimitPct: settings.dropLimitPct,
          maxLevel: settings.maxLevel,
          intensity: settings.intensity,
          diffTarget: settings.diffTarget,
        });
        level = decision.dialLevel;
        last = { at: floor.at, ...decision };
        since = floor.at;
        agentSeconds = 0;
        callSeconds = 0;
      }
      return ratioDial({ dialLevel: level, activeAgents: floor.readyAgents, callsRinging: floor.ringingAgesSec.length, callsWaiting: floor.callsWaiting }).dialNow;
    },
    dialSettled() {},
    talkEnded() {},
    answered() {},
    lastDecision: () => last,
  };
}

export interface TPredictiveOptions {
  capPct?: number;
  graceSec?: number;
  maxLinesPerAgent?: number;
  /** re-estimate the model this often */
  adaptEverySec?: number;
  /** the abandonment the feedback steers to, as a share of the cap */
  targetShareOfCap?: number;
  gain?: number;
  /** weight of the prior, in dials */
  priorWeight?: number;
  recentDials?: number;
  recentAnswers?: number;
  prior?: TPriorOptions;
}

/**
 * Tuned on the simulated day at 10, 25 and 50 agents over several seeds. The feedback is slow
 * on purpose: the abandonment it steers on is measured over the last few hundred answers (about
 * half an hour at 25 agents), and a controller faster than its measurement swings between its
 * bounds and wastes agent time.
 */
export const DEFAULT_PREDICTIVE_OPTIONS = {
  adaptEverySec: 5,
  targetShareOfCap: 0.85,
  gain: 0.01,
  priorWeight: 100,
  recentDials: 600,
  recentAnswers: 300,
} as const;

export function predictivePacer(options: TPredictiveOptions = {}): TPacer {
  const settings = { ...DEFAULT_PREDICTIVE, ...DEFAULT_PREDICTIVE_OPTIONS, ...options };
  const prior = priorModel(options.prior);
  let model: TPredictiveModel = prior;
  let adaptedAt: number | null = null;
  const dials = new Recent<TDialObservation>(settings.recentDials);
  const talks = new Recent<number>(200);
  const answers = new Recent<boolean>(settings.recentAnswers);
  let last: (TPredictiveDecision & { at: number; allowance: number; humanRate: number }) | null = null;
  const recentAbandonment = (): TAbandonCount => ({ answered: answers.values.length, abandoned: answers.values.filter(Boolean).length });
  return {
    name: 'predictive',
    decide(floor) {
      if (adaptedAt === null || floor.at - adaptedAt >= settings.adaptEverySec) {
        model = adaptPredictive({
          model,
          prior,
          priorWeight: settings.priorWeight,
          recentDials: dials.values,
          recentTalkSec: talks.values,
          abandonment: floor.abandonment,
          recentAbandonment: recentAbandonment(),
          capPct: settings.capPct,
          targetShareOfCap: settings.targetShareOfCap,
          gain: settings.gain,
        });
        adaptedAt = floor.at;
      }
      const decision = predictiveDial({ ...floor, model, capPct: settings.capPct, graceSec: settings.graceSec, maxLinesPerAgent: settings.maxLinesPerAgent });
      last = { at: floor.at, allowance: model.overflowAllowance, humanRate: model.humanRate, ...decision };
      return decision.dialNow;
    },
    dialSettled: (observation) => dials.push(observation),
    talkEnded: (talkSec) => talks.push(talkSec),
    answered: (abandoned) => answers.push(abandoned),
    lastDecision: () => last,
  };
}
