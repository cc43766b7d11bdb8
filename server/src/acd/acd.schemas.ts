import { z } from 'zod';
import { AGENT_STATES, CHOSEN_REASONS } from './model.js';
import { DTMF_DIGITS } from '../telephony/port.js';
import { ZCampaignCallOutcome } from '../modules/campaigns/campaign-calls.schemas.js';

/**
 * What the ACD shows the console, over HTTP and Socket.IO alike: one set of zod schemas that
 * validate requests, document the API and type the realtime events.
 */

const ZIso = z.string().meta({ description: 'ISO 8601, UTC' });

export const ZAgentView = z
  .object({
    userId: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    skills: z.array(z.string()).meta({ description: 'languages and department codes' }),
    state: z.enum(AGENT_STATES),
    reason: z.string().nullable().meta({ description: 'why not ready: break, lunch, training, meeting, missed, disconnected' }),
    since: ZIso,
    callId: z.string().nullable().meta({ description: "the caller's leg offered, on the line or being wrapped up" }),
    queue: z.string().nullable(),
    present: z.boolean().meta({ description: 'a console of this agent is connected' }),
  })
  .meta({ id: 'AcdAgent' });
export type TAgentView = z.infer<typeof ZAgentView>;

export const ZOffer = z
  .object({
    callId: z.string().nullable().meta({ description: "the caller's leg; null for a call-back until the citizen is dialled" }),
    agentLegId: z.string(),
    kind: z.enum(['call', 'callback']),
    callbackId: z.number().int().nullable(),
    caller: z.string().nullable().meta({ description: 'E.164; null when withheld' }),
    householdId: z.number().int().nullable().meta({ description: 'when call control identified the caller' }),
    queue: z.string(),
    queueName: z.string(),
    waitingSince: ZIso,
    ringDeadline: ZIso,
  })
  .meta({ id: 'AcdOffer' });
export type TOfferView = z.infer<typeof ZOffer>;

export const ZConnectedCall = z
  .object({
    callId: z.string().nullable(),
    agentLegId: z.string(),
    kind: z.enum(['call', 'callback']),
    caller: z.string().nullable(),
    householdId: z.number().int().nullable(),
    queue: z.string(),
    connectedAt: ZIso.nullable().meta({ description: 'null while a call-back is still ringing the citizen' }),
    held: z.boolean(),
    muted: z.boolean().meta({ description: "the agent's microphone is muted towards the caller" }),
  })
  .meta({ id: 'AcdConnectedCall' });
export type TConnectedCallView = z.infer<typeof ZConnectedCall>;

export const ZWrapUp = z
  .object({
    callId: z.string().nullable(),
    since: ZIso,
    deadline: ZIso.meta({ description: 'when wrap-up ends on its own (if no disposition is required or one was given)' }),
    dispositionRequired: z.boolean(),
  })
  .meta({ id: 'AcdWrapUp' });
export type TWrapUpView = z.infer<typeof ZWrapUp>;

export const ZAgentDesk = z
  .object({
    agent: ZAgentView,
    offer: ZOffer.nullable(),
    call: ZConnectedCall.nullable(),
    wrapUp: ZWrapUp.nullable(),
  })
  .meta({ id: 'AcdAgentDesk' });
export type TAgentDesk = z.infer<typeof ZAgentDesk>;

export const ZQueueStats = z
  .object({
    code: z.string(),
    name: z.string(),
    priority: z.number().int(),
    waiting: z.number().int(),
    oldestWaitingSince: ZIso.nullable().meta({ description: 'the longest wait starts here; the console counts it up' }),
    answeredToday: z.number().int(),
    abandonedToday: z.number().int(),
    serviceLevelSec: z.number().int(),
    serviceLevelPct: z.number().nullable().meta({ description: 'answered within serviceLevelSec, as a % of answered + abandoned today (IST)' }),
    expectedWaitSec: z.number().int().meta({ description: 'what a caller joining now would be told' }),
    agents: z.object({ ready: z.number().int(), reserved: z.number().int(), onCall: z.number().int(), wrapUp: z.number().int(), notReady: z.number().int() }),
  })
  .meta({ id: 'AcdQueueStats' });
export type TQueueStatsView = z.infer<typeof ZQueueStats>;

export const ZBoard = z
  .object({
    at: ZIso,
    queues: z.array(ZQueueStats),
    agents: z.array(ZAgentView),
  })
  .meta({ id: 'AcdBoard' });
export type TBoard = z.infer<typeof ZBoard>;

/** a push to supervisors: every queue, and the agents that changed since the last push */
export interface TBoardUpdate extends TBoard {
  /** true when `agents` lists every agent */
  full: boolean;
}

export const ZChooseState = z
  .discriminatedUnion('state', [
    z.object({ state: z.literal('ready') }),
    z.object({ state: z.literal('offline') }),
    z.object({ state: z.literal('not_ready'), reason: z.enum(CHOSEN_REASONS) }),
  ])
  .meta({ id: 'AcdChooseState' });
export type TChooseState = z.infer<typeof ZChooseState>;

/** how far ahead an agent may book a call-back */
export const CALLBACK_MAX_DAYS = 30;

export const ZScheduleCallback = z
  .object({
    at: z.iso
      .datetime({ offset: true })
      .meta({ example: '2026-12-08T10:30:00+05:30', description: `when to call; in the future and within ${CALLBACK_MAX_DAYS} days` }),
    note: z.string().trim().max(500).optional().meta({ description: 'what the call-back is about, for the agent who makes it' }),
  })
  .meta({ id: 'AcdScheduleCallback' });
export type TScheduleCallback = z.infer<typeof ZScheduleCallback>;

export const ZFinishWrapUp = z
  .object({
    disposition: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\p{L}\p{N}_ -]+$/u, 'letters, digits, spaces, - and _')
      .optional()
      .meta({ example: 'resolved' }),
    notes: z.string().trim().max(4000).optional(),
    then: ZChooseState.default({ state: 'ready' }).meta({ description: 'the state after wrap-up' }),
    callback: ZScheduleCallback.optional().meta({ description: 'call the caller back later, from the same queue' }),
    campaignOutcome: ZCampaignCallOutcome.optional().meta({ description: 'required for a campaign call: what became of the contact' }),
  })
  .meta({ id: 'AcdFinishWrapUp' });
export type TFinishWrapUp = z.infer<typeof ZFinishWrapUp>;

export const ZSendDtmf = z
  .object({
    digits: z
      .string()
      .regex(DTMF_DIGITS, '1 to 32 of 0-9, * and #')
      .meta({ example: '2#', description: 'keys played as tones to the caller\'s side (a department IVR, an extension)' }),
  })
  .meta({ id: 'AcdSendDtmf' });

export const ZTransfer = z.object({ queue: z.string().trim().min(1).max(60) }).meta({ id: 'AcdTransfer' });

export const ZSkills = z
  .object({
    skills: z
      .array(z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9_-]+$/))
      .max(40)
      .meta({ description: 'department codes (and other skills) beyond the languages on the user' }),
  })
  .meta({ id: 'AcdSkills' });

// ───────────── realtime payloads ─────────────

export interface TOfferEnded {
  callId: string | null;
  agentLegId: string;
  reason: 'accepted' | 'missed' | 'withdrawn' | 'abandoned';
}

export interface TCallEnded {
  callId: string | null;
  agentLegId: string;
  by: 'caller' | 'agent' | 'transfer' | 'system';
  at: string;
}

export interface TCallHeld {
  callId: string | null;
  held: boolean;
}

/** the reply to `acd:snapshot`: an agent gets their desk, a supervisor or administrator the board */
export interface TAcdSnapshotReply {
  desk: TAgentDesk | null;
  board: TBoard | null;
}
