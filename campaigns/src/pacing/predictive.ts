import { abandonCapReached, type TAbandonment } from './abandonment.js';
import { expectedExcess } from './normal.js';
import type { TPredictiveModel } from './predictive-model.js';
import { progressive } from './progressive.js';
import { talkEndsWithin } from './remaining-talk.js';

export interface TPredictiveInput {
  readyAgents: number;
  talkingAgents: number;
  /** seconds each talking agent has been on their call, where known (the rest are taken as memoryless) */
  talkElapsedSec?: readonly number[];
  /** seconds left of each agent's wrap-up: these agents are about to be free */
  wrapUpRemainingSec: readonly number[];
  /** seconds since each call still ringing was dialled */
  ringingAgesSec: readonly number[];
  /** answered calls waiting for an agent */
  callsWaiting: number;
  model: TPredictiveModel;
  abandonment: TAbandonment;
  capPct: number;
  /** an answered call waits this long for an agent before it is abandoned (the 2-second rule) */
  graceSec: number;
  /** never more calls ringing than this many per staffed agent (trunks, and a sanity bound) */
  maxLinesPerAgent: number;
}

export interface TPredictiveDecision {
  dialNow: number;
  mode: 'predictive' | 'capped';
  /** calls ringing after this decision per agent free or about to be */
  linesPerAgent: number;
  capReached: { today: boolean; campaign: boolean };
  /** expected answers from the calls ringing and those placed now, within the horizon */
  expectedAnswers: number;
  /** agents expected free within the horizon */
  expectedAgents: number;
  /** the worst expected surplus of answers over free agents at any moment of the horizon */
  expectedSurplus: number;
}

export const DEFAULT_PREDICTIVE = { capPct: 3, graceSec: 2, maxLinesPerAgent: 3 } as const;

/** agents free within t seconds: the ready ones, wrap-ups ending, and talkers finishing talk and wrap */
function agentsFreeBy(input: TPredictiveInput, horizon: number): number[] {
  const { model } = input;
  const out: number[] = [];
  const wrapEnds = [...input.wrapUpRemainingSec].sort((a, b) => a - b);
  let w = 0;
  const elapsed = (input.talkElapsedSec ?? []).slice(0, input.talkingAgents);
  const samples = model.talkSamplesSec ?? [];
  for (let t = 0; t <= horizon; t += 1) {
    while (w < wrapEnds.length && (wrapEnds[w] ?? Infinity) <= t) w += 1;
    // a talker needs its talk to end and a full wrap-up: by its elapsed time where known,
    // memoryless otherwise
    const talkWindow = Math.max(0, t - model.wrapSec);
    let talkers = (input.talkingAgents - elapsed.length) * Math.min(1, talkWindow / model.meanTalkSec);
    for (const e of elapsed) talkers += talkEndsWithin(e, talkWindow, samples, model.meanTalkSec);
    out.push(input.readyAgents - input.callsWaiting + w + talkers);
  }
  return out;
}

/**
 * The predictive decision, taken every second or on any change of the floor: how many calls to
 * place now. It looks `horizon` seconds ahead: from the ringing calls (by their age) and the
 * calls it might place, the expected answers by each second; from the ready agents, the
 * wrap-ups ending and the talkers finishing, the agents free by then. It places the most calls
 * for which the expected surplus of answers over free agents (allowing the grace seconds) stays
 * within the model's allowance. When abandonment has reached the cap, for the day or the
 * campaign, it dials one line per ready agent until the rate is back under it.
 */
export function predictiveDial(input: TPredictiveInput): TPredictiveDecision {
  const { model } = input;
  const horizon = model.horizonSec;
  const capReached = abandonCapReached(input.abandonment, input.capPct);
  const staffed = input.readyAgents + input.talkingAgents + input.wrapUpRemainingSec.length;
  const free = agentsFreeBy(input, horizon + input.graceSec);
  const expectedAgents = free[horizon] ?? 0;
  const ringing = input.ringingAgesSec.length;
  const perAgent = (calls: number) => calls / Math.max(1, expectedAgents);

  if (capReached.today || capReached.campaign) {
    const { dialNow } = progressive({ readyAgents: input.readyAgents, callsRinging: ringing, callsWaiting: input.callsWaiting });
    return { dialNow, mode: 'capped', linesPerAgent: perAgent(ringing + dialNow), capReached, expectedAnswers: 0, expectedAgents, expectedSurplus: 0 };
  }

  // answers expected by each second from the calls already ringing, grouped by age
  const mean = new Array<number>(horizon + 1).fill(0);
  const variance = new Array<number>(horizon + 1).fill(0);
  const byAge = new Map<number, number>();
  for (const age of input.ringingAgesSec) {
    const a = Math.min(horizon, Math.max(0, Math.floor(age)));
    byAge.set(a, (byAge.get(a) ?? 0) + 1);
  }
  for (const [age, count] of byAge) {
    const unsettled = 1 - (model.settledBy[age] ?? 1);
    if (unsettled <= 1e-6) continue;
    const humansSoFar = model.humanBy[age] ?? 0;
    for (let t = 0; t <= horizon; t += 1) {
      const p = Math.min(1, Math.max(0, ((model.humanBy[Math.min(horizon, age + t)] ?? 0) - humansSoFar) / unsettled));
      mean[t] = (mean[t] ?? 0) + count * p;
      variance[t] = (variance[t] ?? 0) + count * p * (1 - p);
    }
  }

  const surplusWith = (n: number): number => {
    let worst = 0;
    for (let t = 0; t <= horizon; t += 1) {
      const p = model.humanBy[t] ?? 0;
      const m = (mean[t] ?? 0) + n * p;
      const v = (variance[t] ?? 0) + n * p * (1 - p);
      worst = Math.max(worst, expectedExcess(m, v, free[t + input.graceSec] ?? expectedAgents));
    }
    return worst;
  };
  const answersWith = (n: number) => (mean[horizon] ?? 0) + n * model.humanRate;

  const room = Math.max(0, Math.floor(input.maxLinesPerAgent * staffed) - ringing);
  let dialNow = 0;
  let surplus = surplusWith(0);
  while (dialNow < room) {
    const next = surplusWith(dialNow + 1);
    if (next > model.overflowAllowance * answersWith(dialNow + 1)) break;
    dialNow += 1;
    surplus = next;
  }
  // never fewer than progressive: a ready agent with nothing ringing for it always gets a call
  const floor = progressive({ readyAgents: input.readyAgents, callsRinging: ringing, callsWaiting: input.callsWaiting }).dialNow;
  if (dialNow < floor) {
    dialNow = floor;
    surplus = surplusWith(dialNow);
  }
  return { dialNow, mode: 'predictive', linesPerAgent: perAgent(ringing + dialNow), capReached, expectedAnswers: answersWith(dialNow), expectedAgents, expectedSurplus: surplus };
}
