import { AppError, Conflict, Invalid, NotFound, Unavailable } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { TTelephonyEvent } from '../port.js';
import type { Collector, TSchedule } from './ari.collect.js';
import type { TAriConfig } from './ari.config.js';
import type { AriLink } from './ari.link.js';
import { errorForLog, secretForms } from './ari.redact.js';
import { AriRequestError, type TAriRest } from './ari.rest.js';
import type { TSpeechToMediaUri } from './ari.speech.js';

export interface TPlaybackRec {
  id: string;
  interruptOnDtmf: boolean;
  /** why we stopped it, reported when PlaybackFinished arrives */
  endReason: 'interrupted' | 'stopped' | null;
}

/** One leg as the adapter tracks it, from the first event (or the originate) to ChannelDestroyed. */
export interface TLeg {
  callId: string;
  channelId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  isAgent: boolean;
  /** Date.now() when the adapter learned of the leg: a GET /channels older than this says nothing about it */
  knownSince: number;
  detectMachine: boolean;
  timeoutSec: number;
  dialStatus: string | null;
  rang: boolean;
  /** provider time the channel went Up */
  upAt: string | null;
  inStasis: boolean;
  /** call.answered has been emitted (only once the leg is controllable, i.e. in Stasis) */
  answered: boolean;
  hangupRequested: boolean;
  localHangup: boolean;
  ended: boolean;
  /** a mixing bridge of ours (call or snoop) */
  bridgeId: string | null;
  holding: boolean;
  /** per-call handlers, all dropped at StasisEnd */
  playbacks: Map<string, TPlaybackRec>;
  collector: Collector | null;
  /** a voice message being recorded (its recording name) */
  voiceMessage: { name: string; startedAt: number } | null;
}

export interface TBridgeRec {
  id: string;
  kind: 'call' | 'waiting' | 'snoop';
  /** the legs the bridge was made for (call bridges), announced together once both are in */
  parties: string[];
  /** channel ids in the bridge, as ChannelEnteredBridge/ChannelLeftBridge report them */
  members: Set<string>;
  announced: boolean;
  recording: { name: string; stopping: boolean } | null;
  /** for snoop bridges: the snoop channel whose departure ends the bridge */
  snoopId: string | null;
}

export interface TSnoopRec {
  snoopId: string;
  targetCallId: string;
  supervisorCallId: string;
  bridgeId: string | null;
  inStasis: boolean;
  onStasis: (() => void) | null;
}

/** Names the adapter gives its bridges, so that after a restart its own can be told from others. */
export const BRIDGE_PREFIX = 'samvad:';

/** What every part of the adapter shares: the tracked legs, bridges and snoops, and the way out. */
export class AriCore {
  readonly legs = new Map<string, TLeg>();
  readonly byChannel = new Map<string, TLeg>();
  readonly playbackOwner = new Map<string, TLeg>();
  readonly bridges = new Map<string, TBridgeRec>();
  readonly snoops = new Map<string, TSnoopRec>();
  /** live recording name → the legs it belongs to (it may finish after its bridge is gone) */
  readonly recordings = new Map<string, string[]>();
  waitingRoom: Promise<string> | null = null;
  readonly secrets: string[];
  private readonly listeners = new Set<(event: TTelephonyEvent) => void>();

  constructor(
    readonly config: TAriConfig,
    readonly logger: Logger,
    readonly link: AriLink,
    readonly speech: TSpeechToMediaUri,
    readonly schedule: TSchedule,
  ) {
    this.secrets = secretForms(config.username, config.password);
  }

  rest(): TAriRest {
    const rest = this.link.rest();
    if (!rest) throw Unavailable('Asterisk is not connected');
    return rest;
  }

  onEvent(listener: (event: TTelephonyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: TTelephonyEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ callId: event.callId, type: event.type, err: errorForLog(error, this.secrets) }, 'telephony listener failed');
      }
    }
  }

  leg(callId: string): TLeg {
    const leg = this.legs.get(callId);
    if (!leg || leg.ended) throw NotFound('call');
    return leg;
  }

  addLeg(leg: TLeg): void {
    this.legs.set(leg.callId, leg);
    this.byChannel.set(leg.channelId, leg);
  }

  /** StasisEnd: timers, playbacks and collections of the leg go; the leg waits for ChannelDestroyed */
  releaseCallHandlers(leg: TLeg): void {
    leg.collector?.cancel();
    leg.collector = null;
    for (const id of leg.playbacks.keys()) this.playbackOwner.delete(id);
    leg.playbacks.clear();
  }

  dropLeg(leg: TLeg): void {
    leg.ended = true;
    this.releaseCallHandlers(leg);
    this.legs.delete(leg.callId);
    this.byChannel.delete(leg.channelId);
  }

  /** a leg that is still talking to us: events for a leg being hung up are not reported */
  live(leg: TLeg): boolean {
    return !leg.ended && !leg.hangupRequested;
  }

  warn(error: unknown, message: string, callId?: string): void {
    this.logger.warn({ callId, err: errorForLog(error, this.secrets) }, message);
  }

  /** counts for health checks and for tests that look for leaks */
  stats(): { legs: number; playbacks: number; collectors: number; armedTimers: number; bridges: number; snoops: number } {
    let playbacks = 0;
    let collectors = 0;
    let armedTimers = 0;
    for (const leg of this.legs.values()) {
      playbacks += leg.playbacks.size;
      if (leg.collector?.active) collectors += 1;
      if (leg.collector?.timerArmed) armedTimers += 1;
    }
    return { legs: this.legs.size, playbacks, collectors, armedTimers, bridges: this.bridges.size, snoops: this.snoops.size };
  }
}

export function newLeg(init: Pick<TLeg, 'callId' | 'channelId' | 'direction' | 'from' | 'to' | 'isAgent'> & Partial<TLeg>): TLeg {
  return {
    knownSince: Date.now(),
    detectMachine: false,
    timeoutSec: 0,
    dialStatus: null,
    rang: false,
    upAt: null,
    inStasis: false,
    answered: false,
    hangupRequested: false,
    localHangup: false,
    ended: false,
    bridgeId: null,
    holding: false,
    playbacks: new Map(),
    collector: null,
    voiceMessage: null,
    ...init,
  };
}

/** A leg that ARI can be asked to act on: commands to a channel outside Stasis fail with 409/422. */
export function requireStasis(leg: TLeg): void {
  if (!leg.inStasis || leg.hangupRequested) throw Conflict('the call is not under the application\'s control (not answered yet, or ending)');
}

/** An ARI failure as the typed errors the transports know; the ARI detail stays internal. */
export function toAppError(error: unknown, what: string): Error {
  if (error instanceof AppError) return error;
  if (error instanceof AriRequestError) {
    switch (error.kind) {
      case 'not_found':
        return NotFound(what);
      case 'not_in_stasis':
        return Conflict(`the ${what} is not under the application's control`);
      case 'conflict':
        return Conflict(`the ${what} is busy with another request`);
      case 'invalid':
        return Invalid(`Asterisk refused the ${what} request`);
      default:
        return new AppError('unavailable', 'Asterisk did not complete the request', undefined, { cause: error });
    }
  }
  return new AppError('unavailable', 'Asterisk did not complete the request', undefined, { cause: error });
}
