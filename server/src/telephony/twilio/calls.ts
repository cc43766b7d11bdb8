import { Conflict, NotFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TTelephonyEvent } from '../port.js';
import type { TwilioLeg } from './leg.js';
import { renderHangup } from './twiml.js';

/** An event without its call id and time, which the emitter adds. */
export type TEventBody = TTelephonyEvent extends infer E ? (E extends TTelephonyEvent ? Omit<E, 'callId' | 'at'> : never) : never;
type TEndBody = Extract<TEventBody, { type: 'call.hangup' | 'call.failed' }>;

/** Two legs in one named conference; `joined` holds the legs Twilio has reported in the room. */
export interface TBridge {
  bridgeId: string;
  legs: readonly [string, string];
  joined: Set<string>;
  /** Twilio's ConferenceSid, learnt from the room's first callback; participants are addressed by it */
  conferenceSid: string | null;
}

/**
 * The live legs, by Samvad id and by CallSid, the bridges between them, and the one way events
 * leave the adapter: nothing is said about a leg after its last event.
 */
export class TwilioCalls {
  readonly bridges = new Map<string, TBridge>();
  private readonly legs = new Map<string, TwilioLeg>();
  private readonly bySid = new Map<string, TwilioLeg>();
  private readonly listeners = new Set<(event: TTelephonyEvent) => void>();

  constructor(
    private readonly now: () => Date,
    private readonly logger: Logger | undefined,
  ) {}

  add(leg: TwilioLeg): void {
    this.legs.set(leg.callId, leg);
    if (leg.sid) this.bySid.set(leg.sid, leg);
  }

  /** an outbound leg learns its CallSid from the REST answer or from the first callback, whichever comes first */
  learnSid(leg: TwilioLeg, sid: string): void {
    if (leg.sid === sid || leg.state === 'ended') return;
    leg.sid = sid;
    this.bySid.set(sid, leg);
  }

  find(callId: string): TwilioLeg | undefined {
    return this.legs.get(callId);
  }

  findBySid(sid: string): TwilioLeg | undefined {
    return this.bySid.get(sid);
  }

  get size(): number {
    return this.legs.size;
  }

  list(): TwilioLeg[] {
    return [...this.legs.values()];
  }

  /** a leg that has not ended (ended legs are forgotten, so an unknown id reads as not found) */
  live(callId: string): TwilioLeg {
    const leg = this.legs.get(callId);
    if (!leg) throw NotFound(`call ${callId}`);
    return leg;
  }

  /** media, digits, bridges and snoops need an answered call */
  answered(callId: string): TwilioLeg {
    const leg = this.live(callId);
    if (leg.state !== 'answered') throw Conflict(`call ${callId} is not answered`);
    return leg;
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(leg: TwilioLeg, body: TEventBody, at?: string): void {
    if (leg.state === 'ended') return;
    this.send({ ...body, callId: leg.callId, at: at ?? this.now().toISOString() });
  }

  /**
   * The leg's last word. A webhook still held is answered with a hang-up (Twilio drops the
   * answer if the call is already gone) and the leg leaves every table.
   */
  end(leg: TwilioLeg, body: TEndBody, at?: string): void {
    if (leg.state === 'ended') return;
    this.emit(leg, body, at);
    leg.state = 'ended';
    leg.queue.length = 0;
    leg.running = null;
    leg.conference = null;
    leg.respond(renderHangup());
    this.legs.delete(leg.callId);
    if (leg.sid) this.bySid.delete(leg.sid);
    for (const [bridgeId, bridge] of this.bridges) {
      if (bridge.legs.every((id) => !this.legs.has(id))) this.bridges.delete(bridgeId);
    }
  }

  /** every held webhook is answered with `twiml` (shutting down) */
  releaseAll(twimlFor: (leg: TwilioLeg) => string): void {
    for (const leg of this.legs.values()) {
      if (leg.isWaiting) leg.respond(twimlFor(leg));
    }
  }

  private send(event: TTelephonyEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // a listener's failure must not turn into a failed webhook (Twilio would retry or drop the call)
        this.logger?.error({ err: error, callId: event.callId, type: event.type }, 'telephony listener failed');
      }
    }
  }
}
