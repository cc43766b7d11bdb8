import { z } from 'zod';
import type {
  TAcdSnapshotReply,
  TChooseState as TServerChooseState,
  TAgentDesk as TServerAgentDesk,
  TBoard as TServerBoard,
  TBoardUpdate as TServerBoardUpdate,
  TCallEnded as TServerCallEnded,
  TCallHeld as TServerCallHeld,
  TOfferEnded as TServerOfferEnded,
} from '../../../server/src/acd/acd.schemas.js';

/**
 * The ACD's shapes (queues, agents, offers, calls, wrap-up), over HTTP and Socket.IO alike.
 * They mirror server/src/acd/acd.schemas.ts; the type checks at the end of this file fail the
 * build when the two drift apart, and the values are still parsed where they arrive.
 */

export const AGENT_STATES = ['offline', 'ready', 'not_ready', 'reserved', 'on_call', 'wrap_up'] as const;
export type TAgentState = (typeof AGENT_STATES)[number];

/** why an agent chooses to be not ready */
export const CHOSEN_REASONS = ['break', 'lunch', 'training', 'meeting'] as const;
export type TChosenReason = (typeof CHOSEN_REASONS)[number];

/** what an agent (or a supervisor for them) asks to become */
export type TChooseState = { state: 'ready' } | { state: 'offline' } | { state: 'not_ready'; reason: TChosenReason };

/** The outcome an agent records when leaving wrap-up (written on the call). */
export const DISPOSITIONS = ['resolved', 'information_given', 'grievance_registered', 'callback_scheduled', 'wrong_number', 'dropped'] as const;
export type TDisposition = (typeof DISPOSITIONS)[number];

export const ZAgentView = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  skills: z.array(z.string()),
  state: z.enum(AGENT_STATES),
  reason: z.string().nullable(),
  since: z.string(),
  callId: z.string().nullable(),
  queue: z.string().nullable(),
  present: z.boolean(),
});
export type TAgentView = z.infer<typeof ZAgentView>;

export const ZOffer = z.object({
  callId: z.string().nullable(),
  agentLegId: z.string(),
  kind: z.enum(['call', 'callback']),
  callbackId: z.number().int().nullable(),
  caller: z.string().nullable(),
  householdId: z.number().int().nullable(),
  queue: z.string(),
  queueName: z.string(),
  waitingSince: z.string(),
  ringDeadline: z.string(),
});
export type TOffer = z.infer<typeof ZOffer>;

export const ZConnectedCall = z.object({
  callId: z.string().nullable(),
  agentLegId: z.string(),
  kind: z.enum(['call', 'callback']),
  caller: z.string().nullable(),
  householdId: z.number().int().nullable(),
  queue: z.string(),
  connectedAt: z.string().nullable(),
  held: z.boolean(),
  muted: z.boolean(),
});
export type TConnectedCall = z.infer<typeof ZConnectedCall>;

export const ZWrapUp = z.object({
  callId: z.string().nullable(),
  since: z.string(),
  deadline: z.string(),
  dispositionRequired: z.boolean(),
});
export type TWrapUp = z.infer<typeof ZWrapUp>;

export const ZAgentDesk = z.object({
  agent: ZAgentView,
  offer: ZOffer.nullable(),
  call: ZConnectedCall.nullable(),
  wrapUp: ZWrapUp.nullable(),
});
export type TAgentDesk = z.infer<typeof ZAgentDesk>;

export const ZQueueStats = z.object({
  code: z.string(),
  name: z.string(),
  priority: z.number().int(),
  waiting: z.number().int(),
  oldestWaitingSince: z.string().nullable(),
  answeredToday: z.number().int(),
  abandonedToday: z.number().int(),
  serviceLevelSec: z.number().int(),
  serviceLevelPct: z.number().nullable(),
  expectedWaitSec: z.number().int(),
  agents: z.object({ ready: z.number().int(), reserved: z.number().int(), onCall: z.number().int(), wrapUp: z.number().int(), notReady: z.number().int() }),
});
export type TQueueStats = z.infer<typeof ZQueueStats>;

export const ZBoard = z.object({ at: z.string(), queues: z.array(ZQueueStats), agents: z.array(ZAgentView) });
export type TBoard = z.infer<typeof ZBoard>;

/** a push to supervisors: every queue, and the agents that changed (all of them when `full`) */
export const ZBoardUpdate = ZBoard.extend({ full: z.boolean() });
export type TBoardUpdate = z.infer<typeof ZBoardUpdate>;

export const ZOfferEnded = z.object({
  callId: z.string().nullable(),
  agentLegId: z.string(),
  reason: z.enum(['accepted', 'missed', 'withdrawn', 'abandoned']),
});
export type TOfferEnded = z.infer<typeof ZOfferEnded>;

export const ZCallEnded = z.object({
  callId: z.string().nullable(),
  agentLegId: z.string(),
  by: z.enum(['caller', 'agent', 'transfer', 'system']),
  at: z.string(),
});
export type TCallEnded = z.infer<typeof ZCallEnded>;

export const ZCallHeld = z.object({ callId: z.string().nullable(), held: z.boolean() });
export type TCallHeld = z.infer<typeof ZCallHeld>;

/** the reply to `acd:snapshot`: an agent gets their desk, a supervisor or administrator the board */
export const ZAcdSnapshot = z.object({ desk: ZAgentDesk.nullable(), board: ZBoard.nullable() });
export type TAcdSnapshot = z.infer<typeof ZAcdSnapshot>;

/** leaving wrap-up: the disposition and notes go on the call */
export interface TFinishWrapUp {
  disposition?: string | undefined;
  notes?: string | undefined;
  then: TChooseState;
  /** `at`: ISO 8601 with its offset (the console writes India time, +05:30) */
  callback?: { at: string; note?: string | undefined } | undefined;
  /** required for a campaign call: what became of the contact */
  campaignOutcome?: 'completed' | 'partial' | 'refused' | 'wrong_person' | 'dnd' | undefined;
}

// ───────── the mirror is checked against the server's types, both ways ─────────

type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type TAssert<T extends true> = T;
/** compiles only while every shape here is the server's, field for field */
export type TMirrorsServer = [
  TAssert<TSame<TAgentDesk, TServerAgentDesk>>,
  TAssert<TSame<TBoard, TServerBoard>>,
  TAssert<TSame<TBoardUpdate, TServerBoardUpdate>>,
  TAssert<TSame<TOfferEnded, TServerOfferEnded>>,
  TAssert<TSame<TCallEnded, TServerCallEnded>>,
  TAssert<TSame<TCallHeld, TServerCallHeld>>,
  TAssert<TSame<TAcdSnapshot, TAcdSnapshotReply>>,
  TAssert<TSame<TChooseState, TServerChooseState>>,
];
