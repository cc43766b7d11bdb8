import { Conflict, NotFound } from '../../errors.js';
import type { TTelephonyEvent } from '../port.js';
import type { TSimClock, TSimTimer } from './clock.js';
import { finishVoiceMessage } from './voice-message.js';
import type { TEventBody, TLegEnd, TSimLeg } from './types.js';
import type { SimLink } from './link.js';
import type { TMediaTiming } from './media.js';
import type { SimRandom } from './random.js';

export interface TSimSettings extends TMediaTiming {
  /** from originate to the far end ringing (or to busy / congestion) */
  setupMs: number;
  /** answering-machine detection listens this long after the answer */
  amdMs: number;
  /** between the keys of one press */
  keyGapMs: number;
  /** an agent endpoint with no script answers after this long */
  agentAnswerMs: number;
  /** ended legs kept for inspection (heard, end) before the oldest are forgotten */
  keepEnded: number;
}

export const DEFAULT_SETTINGS: TSimSettings = {
  speechCharsPerSecond: 14,
  fileMs: 3000,
  setupMs: 700,
  amdMs: 2500,
  keyGapMs: 300,
  agentAnswerMs: 1000,
  keepEnded: 1000,
};

/**
 * The shared state of the simulated network: its legs, clock, ids and link. Every event leaves
 * through `emit` and every delay through `schedule`, which is what makes "nothing after the
 * hang-up" and "same seed, same day" hold everywhere.
 */
export class SimCore {
  readonly legs = new Map<string, TSimLeg>();
  /** called after a leg has ended and said its last word (bridges and snoops tidy up here) */
  readonly endHooks: ((leg: TSimLeg) => void)[] = [];
  private providerSeq = 0;
  /** ended legs, oldest first, so a demo running for days keeps its memory flat */
  private readonly ended: string[] = [];

  constructor(
    readonly clock: TSimClock,
    readonly ids: SimRandom,
    readonly link: SimLink,
    readonly settings: TSimSettings,
  ) {}

  iso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  newId(): string {
    return this.ids.uuid();
  }

  newProviderCallId(): string {
    this.providerSeq += 1;
    return `sim-${String(this.providerSeq).padStart(6, '0')}`;
  }

  /** an event about a leg; nothing is emitted about a leg that has ended */
  emit(leg: TSimLeg, body: TEventBody): void {
    if (leg.state === 'ended') return;
    const event: TTelephonyEvent = { ...body, callId: leg.info.callId, at: this.iso() };
    this.link.send(event);
  }

  /** a delay that dies with its leg */
  schedule(leg: TSimLeg, ms: number, fn: () => void): TSimTimer {
    const timer = this.clock.setTimeout(() => {
      leg.timers.delete(timer);
      if (leg.state !== 'ended') fn();
    }, ms);
    leg.timers.add(timer);
    return {
      cancel: () => {
        leg.timers.delete(timer);
        timer.cancel();
      },
    };
  }

  get(callId: string): TSimLeg {
    const leg = this.legs.get(callId);
    if (!leg) throw NotFound(`call ${callId}`);
    return leg;
  }

  /** a leg that has not ended */
  live(callId: string): TSimLeg {
    const leg = this.get(callId);
    if (leg.state === 'ended') throw Conflict(`call ${callId} has ended`);
    return leg;
  }

  /** a leg that is up: media, digits, bridges and snoops need an answered call */
  answered(callId: string): TSimLeg {
    const leg = this.live(callId);
    if (leg.state !== 'answered') throw Conflict(`call ${callId} is not answered`);
    return leg;
  }

  /** ends a leg: its last event, then silence; media and collection end without a word */
  end(leg: TSimLeg, end: TLegEnd): void {
    if (leg.state === 'ended') return;
    // a caller who rings off mid-message has still left it: reported before the hang-up
    if (leg.recording) finishVoiceMessage(this, leg);
    if (end.kind === 'hangup') this.emit(leg, { type: 'call.hangup', cause: end.cause, q850: end.q850, by: end.by });
    else this.emit(leg, { type: 'call.failed', reason: end.reason, q850: end.q850 });
    leg.state = 'ended';
    leg.end = end;
    leg.endedAt = this.iso();
    for (const timer of [...leg.timers]) timer.cancel();
    leg.timers.clear();
    const playing = leg.playlist.clear();
    if (playing?.heard) {
      playing.heard.endedAt = leg.endedAt;
      playing.heard.reason = 'hangup';
    }
    leg.collector?.cancel();
    leg.collector = null;
    leg.onHold = false;
    leg.muted = false;
    for (const hook of this.endHooks) hook(leg);
    for (const callback of [...leg.onEnd]) callback();
    leg.onEnd.clear();
    this.ended.push(leg.info.callId);
    while (this.ended.length > this.settings.keepEnded) {
      const forgotten = this.ended.shift();
      if (forgotten !== undefined) this.legs.delete(forgotten);
    }
  }

  /** the network shuts down: every timer goes, nothing more is said */
  close(): void {
    for (const leg of this.legs.values()) {
      for (const timer of [...leg.timers]) timer.cancel();
      leg.timers.clear();
    }
  }
}
