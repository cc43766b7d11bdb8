import type { SeededRandom } from '../shared/random.js';

/**
 * What happens to an outbound call to an Indian mobile, and to the agent who takes it. The
 * defaults: a person answers 35 % of dials and an answering machine 10 %; the rest are busy,
 * reach a "switched off / not reachable" announcement, or ring out at the dial timeout (30 s,
 * post-dial delay included). Every dial first waits out the network's post-dial delay, several
 * seconds on Indian mobile networks. Busy and unreachable numbers are not fast signals there:
 * the caller hears rings until the person rejects the call, or a recorded announcement played
 * as early media, and the network releases the call after it. Talk time is log-normal with a
 * mean of 180 s, wrap-up 20 s, and an answered call that no agent takes within 2 s is abandoned.
 */
export interface TCallModel {
  humanRate: number;
  machineRate: number;
  busyRate: number;
  unreachableRate: number;
  /** uniform, seconds from dialling to ringing */
  postDialDelaySec: readonly [number, number];
  /** log-normal ring time before a person answers */
  humanRing: { meanSec: number; sigma: number };
  machineRing: { meanSec: number; sigma: number };
  /** answering-machine detection listens this long before hanging up */
  machineDetectSec: number;
  /** uniform, seconds after the post-dial delay */
  busyAfterSec: readonly [number, number];
  unreachableAfterSec: readonly [number, number];
  /** from dialling, post-dial delay included */
  dialTimeoutSec: number;
  talk: { meanSec: number; sigma: number };
  wrapSec: number;
  /** the 2-second rule */
  graceSec: number;
}

export const DEFAULT_CALL_MODEL: TCallModel = {
  humanRate: 0.35,
  machineRate: 0.1,
  busyRate: 0.08,
  unreachableRate: 0.15,
  postDialDelaySec: [3, 7],
  humanRing: { meanSec: 12, sigma: 0.5 },
  machineRing: { meanSec: 20, sigma: 0.25 },
  machineDetectSec: 3,
  busyAfterSec: [3, 15],
  unreachableAfterSec: [8, 18],
  dialTimeoutSec: 30,
  talk: { meanSec: 180, sigma: 0.6 },
  wrapSec: 20,
  graceSec: 2,
};

export type TDialKind = 'human' | 'machine' | 'busy' | 'unreachable' | 'no_answer';

export interface TDialFate {
  kind: TDialKind;
  /** seconds from dialling until the call is answered, detected or given up */
  settleAfterSec: number;
}

/** a ring time that ends before the timeout: a person who answers is always in time, so the answer rate holds */
function ringWithin(random: SeededRandom, ring: { meanSec: number; sigma: number }, limitSec: number): number {
  for (let i = 0; i < 20; i += 1) {
    const sec = random.logNormal(ring.meanSec, ring.sigma);
    if (sec < limitSec) return sec;
  }
  return limitSec * random.next();
}

export function sampleDialFate(model: TCallModel, random: SeededRandom): TDialFate {
  const u = random.next();
  const delay = random.uniform(model.postDialDelaySec[0], model.postDialDelaySec[1]);
  const ringLimit = model.dialTimeoutSec - delay;
  let edge = model.humanRate;
  if (u < edge) return { kind: 'human', settleAfterSec: delay + ringWithin(random, model.humanRing, ringLimit) };
  edge += model.machineRate;
  if (u < edge) return { kind: 'machine', settleAfterSec: Math.min(model.dialTimeoutSec, delay + ringWithin(random, model.machineRing, ringLimit) + model.machineDetectSec) };
  edge += model.busyRate;
  if (u < edge) return { kind: 'busy', settleAfterSec: delay + random.uniform(model.busyAfterSec[0], model.busyAfterSec[1]) };
  edge += model.unreachableRate;
  if (u < edge) return { kind: 'unreachable', settleAfterSec: delay + random.uniform(model.unreachableAfterSec[0], model.unreachableAfterSec[1]) };
  return { kind: 'no_answer', settleAfterSec: model.dialTimeoutSec };
}

export function sampleTalkSec(model: TCallModel, random: SeededRandom): number {
  return random.logNormal(model.talk.meanSec, model.talk.sigma);
}
