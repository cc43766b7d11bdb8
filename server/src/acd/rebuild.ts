import type { TCallbackRow, TLastState, TQueueEventRow } from './acd.store.js';
import { callbackEntryId, type TAgentProfile, type TAgentState, type TAgentStatus, type TPlacedCall, type TQueueDef } from './model.js';
import type { TRouterSnapshot } from './router.js';

/** a caller's way through the queues, as its `queue.*` events tell it */
export type TCallFold =
  | { phase: 'waiting'; queue: string; skills: string[]; priority: number; caller: string | null; waitingSince: number; agentLegId: string | null }
  | {
      phase: 'connected';
      queue: string;
      userId: number;
      agentLegId: string;
      kind: 'call' | 'callback';
      callbackId: number | null;
      caller: string | null;
      connectedAt: number;
    }
  | { phase: 'gone' };

export interface TRestoredConnection {
  userId: number;
  entryId: string;
  kind: 'call' | 'callback';
  callbackId: number | null;
  queue: string;
  callerLegId: string;
  agentLegId: string;
  caller: string | null;
  connectedAt: number;
}

export interface TRebuildInput {
  now: number;
  queues: TQueueDef[];
  agents: TAgentProfile[];
  lastStates: TLastState[];
  /** the provider's calls that have not ended, and where they stand */
  liveCalls: { callId: string; state: 'offered' | 'ringing' | 'answered' | 'bridged' }[];
  /** the `queue.*` events of those calls, oldest first */
  queueEvents: TQueueEventRow[];
  /** call-backs pending or being dialled */
  callbacks: TCallbackRow[];
}

export interface TRebuildPlan {
  snapshot: TRouterSnapshot;
  connections: TRestoredConnection[];
  /** agents in wrap-up and the call they wrap up */
  wrapUps: { userId: number; callId: string | null; since: number }[];
  /** state changes the restart itself makes, to be written like any other */
  corrections: { userId: number; state: TAgentState; reason: string | null; callId: string | null }[];
  /** legs left over from before the restart (offers that were ringing, halves of broken calls) */
  hangUp: string[];
  /** call-backs that were being dialled when the server stopped: pending again */
  callbacksReset: number[];
  /** call-backs booked for later: they join their queue when their time comes */
  booked: TCallbackRow[];
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** one queue event applied to a call's fold; unknown or malformed events change nothing */
function step(fold: TCallFold | null, { type, data, at }: TQueueEventRow): TCallFold | null {
  switch (type) {
    case 'queue.joined':
    case 'queue.transferred': {
      const queue = str(data.queue);
      if (!queue) return fold;
      return {
        phase: 'waiting',
        queue,
        skills: strings(data.skills),
        priority: num(data.priority) ?? 0,
        caller: str(data.caller),
        waitingSince: num(data.waitingSince) ?? at,
        agentLegId: null,
      };
    }
    case 'queue.offered':
      return fold?.phase === 'waiting' ? { ...fold, agentLegId: str(data.agentLegId) } : fold;
    case 'queue.missed':
      return fold?.phase === 'waiting' ? { ...fold, agentLegId: null } : fold;
    case 'queue.connected': {
      const userId = num(data.userId);
      const agentLegId = str(data.agentLegId);
      const queue = str(data.queue);
      if (userId === null || !agentLegId || !queue) return fold;
      return {
        phase: 'connected',
        queue,
        userId,
        agentLegId,
        kind: data.kind === 'callback' ? 'callback' : 'call',
        callbackId: num(data.callbackId),
        caller: str(data.caller),
        connectedAt: at,
      };
    }
    case 'queue.abandoned':
    case 'queue.left':
      return { phase: 'gone' };
    default:
      // what the agent did on the call (mute, keys, a scheduled call-back) does not move it
      return fold;
  }
}

/** replays one call's queue events, oldest first */
export function foldQueueEvents(events: readonly TQueueEventRow[]): TCallFold | null {
  return events.reduce<TCallFold | null>(step, null);
}

/**
 * What the ACD looked like when the server stopped, from the database and the provider's live
 * calls: agents in their last recorded state, callers still on the line back in their queues
 * (their place kept), calls still connected kept connected. Where the two disagree the live
 * calls win: an offer that was ringing is withdrawn and its caller put back, an agent whose
 * call ended meanwhile goes to wrap-up.
 */
export function planRebuild(input: TRebuildInput): TRebuildPlan {
  const { now } = input;
  const queues = new Map(input.queues.map((q) => [q.code, q]));
  const live = new Set(input.liveCalls.map((c) => c.callId));
  const eventsByCall = new Map<string, TQueueEventRow[]>();
  for (const event of input.queueEvents) {
    const list = eventsByCall.get(event.callId) ?? [];
    list.push(event);
    eventsByCall.set(event.callId, list);
  }

  const plan: TRebuildPlan = {
    snapshot: { queues: [], agents: [], waiting: [], offered: [] },
    connections: [],
    wrapUps: [],
    corrections: [],
    hangUp: [],
    callbacksReset: [],
    booked: [],
  };
  const queueFor = (code: string): TQueueDef => {
    let def = queues.get(code);
    if (!def) {
      def = { code, id: null, name: code, priority: 0, skills: [], serviceLevelSec: 20 };
      queues.set(code, def);
    }
    return def;
  };

  const connectedCallbacks = new Set<number>();
  const connectionOf = new Map<number, TRestoredConnection>();
  for (const [callId, events] of eventsByCall) {
    if (!live.has(callId)) continue;
    const fold = foldQueueEvents(events);
    if (fold?.phase === 'waiting') {
      queueFor(fold.queue);
      if (fold.agentLegId && live.has(fold.agentLegId)) plan.hangUp.push(fold.agentLegId);
      plan.snapshot.waiting.push({
        id: callId,
        kind: 'call',
        callId,
        callbackId: null,
        queue: fold.queue,
        skills: fold.skills,
        priority: fold.priority,
        caller: fold.caller,
        waitingSince: fold.waitingSince,
        order: fold.waitingSince,
      });
    } else if (fold?.phase === 'connected') {
      queueFor(fold.queue);
      if (!live.has(fold.agentLegId)) {
        // the agent's half is gone: the caller is not left talking to nobody
        plan.hangUp.push(callId);
        continue;
      }
      const connection: TRestoredConnection = {
        userId: fold.userId,
        entryId: fold.kind === 'callback' && fold.callbackId !== null ? callbackEntryId(fold.callbackId) : callId,
        kind: fold.kind,
        callbackId: fold.callbackId,
        queue: fold.queue,
        callerLegId: callId,
        agentLegId: fold.agentLegId,
        caller: fold.caller,
        connectedAt: fold.connectedAt,
      };
      connectionOf.set(fold.userId, connection);
      plan.connections.push(connection);
      if (fold.callbackId !== null) connectedCallbacks.add(fold.callbackId);
    }
  }

  for (const callback of input.callbacks) {
    if (connectedCallbacks.has(callback.id)) continue;
    if (callback.status === 'dialing') plan.callbacksReset.push(callback.id);
    queueFor(callback.queueCode);
    if (callback.waitingSince > now) {
      plan.booked.push(callback);
      continue;
    }
    plan.snapshot.waiting.push({
      id: callbackEntryId(callback.id),
      kind: 'callback',
      callId: null,
      callbackId: callback.id,
      queue: callback.queueCode,
      skills: [],
      priority: 0,
      caller: callback.phone,
      waitingSince: callback.waitingSince,
      order: callback.waitingSince,
    });
  }

  const lastOf = new Map(input.lastStates.map((s) => [s.userId, s]));
  for (const profile of input.agents) {
    const last = lastOf.get(profile.userId);
    const connection = connectionOf.get(profile.userId);
    const base = { ...profile, skills: [...profile.skills], reason: last?.reason ?? null, since: last?.at ?? now, idleSince: last?.at ?? now };
    let status: TAgentStatus;
    if (connection) {
      status = { ...base, state: 'on_call', reason: null, entryId: connection.entryId };
      if (last?.state !== 'on_call') {
        status.since = now;
        plan.corrections.push({ userId: profile.userId, state: 'on_call', reason: null, callId: connection.callerLegId });
      }
    } else if (!last) {
      status = { ...base, state: 'offline', entryId: null };
    } else if (last.state === 'reserved') {
      // the offer died with the old process; the agent did nothing wrong
      status = { ...base, state: 'ready', reason: null, since: now, entryId: null };
      plan.corrections.push({ userId: profile.userId, state: 'ready', reason: null, callId: null });
    } else if (last.state === 'on_call') {
      status = { ...base, state: 'wrap_up', reason: null, since: now, entryId: last.callId };
      plan.corrections.push({ userId: profile.userId, state: 'wrap_up', reason: null, callId: last.callId });
      plan.wrapUps.push({ userId: profile.userId, callId: last.callId, since: now });
    } else if (last.state === 'wrap_up') {
      status = { ...base, state: 'wrap_up', entryId: last.callId };
      plan.wrapUps.push({ userId: profile.userId, callId: last.callId, since: last.at });
    } else {
      status = { ...base, state: last.state, entryId: null };
    }
    plan.snapshot.agents.push(status);
  }
  // a connection whose agent is no longer an active agent cannot be kept
  const known = new Set(input.agents.map((a) => a.userId));
  for (const connection of plan.connections.filter((c) => !known.has(c.userId))) {
    plan.hangUp.push(connection.callerLegId, connection.agentLegId);
  }
  plan.connections = plan.connections.filter((c) => known.has(c.userId));
  plan.snapshot.queues = [...queues.values()];
  plan.snapshot.waiting.sort((a: TPlacedCall, b: TPlacedCall) => a.order - b.order);
  return plan;
}
