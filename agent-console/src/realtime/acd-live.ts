import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import {
  ZAcdSnapshot,
  ZAgentView,
  ZBoardUpdate,
  ZCallEnded,
  ZCallHeld,
  ZConnectedCall,
  ZOffer,
  ZOfferEnded,
  type TAgentDesk,
  type TBoard,
} from '../api/acd.schemas.js';
import { sessionStore } from '../api/session-store.js';
import { deskNeedsSnapshot, reduceBoard, reduceDesk, type TDeskEvent } from './acd-reducers.js';
import { realtime } from './connection.js';
import { serverClock } from './server-clock.js';

/**
 * `loading`: waiting for the first snapshot; `live`: in step with the server; `unavailable`: the
 * server did not answer the snapshot (no ACD running there, or the socket is down).
 */
export type TAcdStatus = 'idle' | 'loading' | 'live' | 'unavailable';

export interface TAcdLiveState {
  status: TAcdStatus;
  /** the signed-in agent's desk */
  desk: TAgentDesk | null;
  /** every queue and agent, for supervisors and administrators */
  board: TBoard | null;
}

const IDLE: TAcdLiveState = { status: 'idle', desk: null, board: null };
const ZPing = z.object({ at: z.string() });
const ACD_ROLES: ReadonlySet<string> = new Set(['agent', 'supervisor', 'admin']);

/** Socket.IO events that change an agent's desk, each with the schema its payload must meet. */
function deskEvent(event: string, payload: unknown): TDeskEvent | null {
  switch (event) {
    case 'acd:state': {
      const agent = ZAgentView.safeParse(payload);
      return agent.success ? { type: 'state', agent: agent.data } : null;
    }
    case 'acd:offer': {
      const offer = ZOffer.safeParse(payload);
      return offer.success ? { type: 'offer', offer: offer.data } : null;
    }
    case 'acd:offer-ended': {
      const ended = ZOfferEnded.safeParse(payload);
      return ended.success ? { type: 'offer-ended', ended: ended.data } : null;
    }
    case 'acd:call-connected': {
      const call = ZConnectedCall.safeParse(payload);
      return call.success ? { type: 'call-connected', call: call.data } : null;
    }
    case 'acd:call-held': {
      const held = ZCallHeld.safeParse(payload);
      return held.success ? { type: 'call-held', held: held.data } : null;
    }
    case 'acd:call-ended': {
      const ended = ZCallEnded.safeParse(payload);
      return ended.success ? { type: 'call-ended', ended: ended.data } : null;
    }
    default:
      return null;
  }
}

/**
 * The ACD as this console knows it: the agent's desk or the supervisors' board. Every
 * (re)connection of the socket (a reload, a dropped network) re-reads the clock offset and asks
 * for a snapshot, so the state and a call in progress come back; pushes keep it current between
 * snapshots. Nothing here polls.
 */
function createAcdLive() {
  let state: TAcdLiveState = IDLE;
  let stops: (() => void)[] = [];
  /** the `since` of the wrap-up a snapshot was last asked for, so one gap asks once */
  let askedFor: string | null = null;
  /** bumped on sign-out, so an answer to the previous session's question is dropped */
  let generation = 0;
  const listeners = new Set<() => void>();

  function set(next: Partial<TAcdLiveState>) {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  }

  function role(): string | null {
    return sessionStore.get()?.user.role ?? null;
  }

  function applyDesk(event: TDeskEvent) {
    const desk = reduceDesk(state.desk, event);
    if (desk !== state.desk) set({ desk });
    if (desk && deskNeedsSnapshot(desk) && askedFor !== desk.agent.since) {
      askedFor = desk.agent.since;
      void sync();
    }
  }

  async function calibrateClock() {
    const sentAt = Date.now();
    const ping = ZPing.safeParse(await realtime.ping());
    const serverAt = ping.success ? Date.parse(ping.data.at) : Number.NaN;
    if (!Number.isNaN(serverAt)) serverClock.calibrate(sentAt, serverAt, Date.now());
  }

  async function sync() {
    const who = role();
    if (!who || !ACD_ROLES.has(who)) return;
    const asked = generation;
    if (state.status === 'idle') set({ status: 'loading' });
    const [, reply] = await Promise.all([calibrateClock(), realtime.acdSnapshot()]);
    if (asked !== generation) return;
    const snapshot = ZAcdSnapshot.safeParse(reply);
    if (!snapshot.success || (!snapshot.data.desk && !snapshot.data.board)) {
      // keep what is shown; the next connection asks again
      if (state.status !== 'live') set({ status: 'unavailable' });
      return;
    }
    const { desk, board } = snapshot.data;
    set({
      status: 'live',
      desk: desk ? reduceDesk(state.desk, { type: 'desk', desk }) : state.desk,
      board: board ? reduceBoard(state.board, board) : state.board,
    });
  }

  function receive(event: string, payload: unknown) {
    if (event === 'acd:board') {
      const update = ZBoardUpdate.safeParse(payload);
      if (update.success) set({ board: reduceBoard(state.board, update.data) });
      return;
    }
    const change = deskEvent(event, payload);
    if (change) applyDesk(change);
  }

  return {
    /** listens while someone is signed in; returns the stop for sign-out */
    start(): () => void {
      if (stops.length === 0) {
        stops = [realtime.onConnect(() => void sync()), realtime.onEvent(receive)];
        if (realtime.getState().status === 'connected') void sync();
      }
      return () => {
        for (const stop of stops) stop();
        stops = [];
        askedFor = null;
        generation += 1;
        // what was known about calls leaves with the session
        state = IDLE;
        for (const listener of listeners) listener();
      };
    },
    /** an action's answer (HTTP): the desk as the server left it */
    deskAnswered(desk: TAgentDesk) {
      applyDesk({ type: 'desk', desk });
    },
    /** ask again now (the agent pressed "try again") */
    refresh: () => sync(),
    getState: (): TAcdLiveState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export const acdLive = createAcdLive();

export function useAcdLive(): TAcdLiveState {
  return useSyncExternalStore(acdLive.subscribe, acdLive.getState);
}
