import type { TAcdTimer } from './clock.js';
import type { TPlacedCall } from './model.js';

/** an offer ringing an agent */
export interface TLiveOffer {
  entryId: string;
  call: TPlacedCall;
  userId: number;
  agentLegId: string;
  /** epoch ms the offer counts as missed */
  deadline: number;
  timer: TAcdTimer | null;
  householdId: number | null;
}

/** an agent and a caller (or a called-back citizen) on one call */
export interface TLiveConnection {
  userId: number;
  entryId: string;
  kind: 'call' | 'callback';
  callbackId: number | null;
  queue: string;
  /** the citizen's leg: the caller's, or the call-back's (dialled once the agent answers) */
  callerLegId: string;
  agentLegId: string;
  caller: string | null;
  householdId: number | null;
  priority: number;
  waitingSince: number;
  /** epoch ms the two were joined; null while a call-back rings the citizen */
  connectedAt: number | null;
  held: boolean;
  /** the agent's leg sends silence into the call */
  muted: boolean;
}

export interface TLiveWrapUp {
  userId: number;
  /** the citizen's leg, where the disposition is written */
  callId: string | null;
  queue: string | null;
  since: number;
  /** epoch ms the talk began, for the handling time */
  talkStartedAt: number | null;
  timer: TAcdTimer | null;
}

/** What the runtime knows beyond the router: offers, connections and wrap-ups in progress. */
export class LiveCalls {
  readonly offers = new Map<string, TLiveOffer>();
  readonly offerByLeg = new Map<string, TLiveOffer>();
  readonly connections = new Map<number, TLiveConnection>();
  readonly connectionByLeg = new Map<string, TLiveConnection>();
  readonly wrapUps = new Map<number, TLiveWrapUp>();

  addOffer(offer: TLiveOffer): void {
    this.offers.set(offer.entryId, offer);
    this.offerByLeg.set(offer.agentLegId, offer);
  }

  /** false when the offer had already ended (two endings race: a timeout and a hang-up) */
  dropOffer(offer: TLiveOffer): boolean {
    if (this.offers.get(offer.entryId) !== offer) return false;
    this.offers.delete(offer.entryId);
    this.offerByLeg.delete(offer.agentLegId);
    offer.timer?.cancel();
    offer.timer = null;
    return true;
  }

  addConnection(connection: TLiveConnection): void {
    this.connections.set(connection.userId, connection);
    this.connectionByLeg.set(connection.callerLegId, connection);
    this.connectionByLeg.set(connection.agentLegId, connection);
  }

  /** false when the connection had already ended */
  dropConnection(connection: TLiveConnection): boolean {
    if (this.connections.get(connection.userId) !== connection) return false;
    this.connections.delete(connection.userId);
    this.connectionByLeg.delete(connection.callerLegId);
    this.connectionByLeg.delete(connection.agentLegId);
    return true;
  }

  offerOf(userId: number): TLiveOffer | null {
    for (const offer of this.offers.values()) if (offer.userId === userId) return offer;
    return null;
  }

  /** the citizen's leg an agent is offered, talking to or wrapping up */
  callOf(userId: number, entryId: string | null): string | null {
    const connection = this.connections.get(userId);
    if (connection) return connection.callerLegId;
    const wrapUp = this.wrapUps.get(userId);
    if (wrapUp) return wrapUp.callId;
    const offer = entryId ? this.offers.get(entryId) : undefined;
    if (offer) return offer.call.callId;
    return entryId && !entryId.startsWith('callback:') ? entryId : null;
  }

  queueOf(userId: number, entryId: string | null): string | null {
    return this.connections.get(userId)?.queue ?? this.wrapUps.get(userId)?.queue ?? (entryId ? this.offers.get(entryId)?.call.queue : undefined) ?? null;
  }

  cancelTimers(): void {
    for (const offer of this.offers.values()) offer.timer?.cancel();
    for (const wrapUp of this.wrapUps.values()) wrapUp.timer?.cancel();
  }
}
