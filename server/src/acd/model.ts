/**
 * The vocabulary of the ACD: queues, callers waiting in them, agents and their states. Plain
 * data, shared by the routing core, the runtime, the routes and the realtime contract.
 */

export const AGENT_STATES = ['offline', 'ready', 'not_ready', 'reserved', 'on_call', 'wrap_up'] as const;
export type TAgentState = (typeof AGENT_STATES)[number];

/** why an agent is not ready, as the agent (or a supervisor) says it */
export const CHOSEN_REASONS = ['break', 'lunch', 'training', 'meeting'] as const;
/** why the ACD made an agent not ready: an offer rang out, or the console vanished */
export const SYSTEM_REASONS = ['missed', 'disconnected'] as const;
export type TChosenReason = (typeof CHOSEN_REASONS)[number];
export type TNotReadyReason = TChosenReason | (typeof SYSTEM_REASONS)[number];

export interface TQueueDef {
  code: string;
  /** the `queues` row; null for a queue a flow named that the database does not know */
  id: number | null;
  name: string;
  /** larger is served first */
  priority: number;
  /** what every agent of the queue must have: its language and its department */
  skills: readonly string[];
  serviceLevelSec: number;
}

/** A caller waiting for an agent: a live call on hold, or a call-back that kept its place. */
export interface TWaitingCall {
  /** the caller's leg id for a live call; `callback:<id>` for a call-back */
  id: string;
  kind: 'call' | 'callback';
  /** the caller's leg; null for a call-back until the citizen is dialled */
  callId: string | null;
  callbackId: number | null;
  queue: string;
  /** what this request asks beyond its queue's skills */
  skills: readonly string[];
  /** larger is served first within the queue */
  priority: number;
  /** E.164, null when withheld */
  caller: string | null;
  /** epoch ms the caller joined the queue; a call-back keeps its caller's */
  waitingSince: number;
}

/** A waiting call as the router keeps it: `order` places it among its equals (lower is earlier). */
export interface TPlacedCall extends TWaitingCall {
  order: number;
}

export interface TAgentProfile {
  userId: number;
  username: string;
  displayName: string;
  /** languages and department codes */
  skills: readonly string[];
}

export interface TAgentStatus extends TAgentProfile {
  state: TAgentState;
  reason: string | null;
  /** epoch ms of the last state change */
  since: number;
  /** epoch ms the agent last became free; the longest idle is offered first */
  idleSince: number;
  /** the waiting entry offered to the agent, or the entry of the call they handle or wrap up */
  entryId: string | null;
}

/**
 * A skill every agent has alone: a call that asks for it (a contact the agent chose to dial from
 * a preview campaign) is routed to that agent and nobody else.
 */
export function personalSkill(username: string): string {
  return `agent:${username}`;
}

/** an agent endpoint as telephony dials it */
export function agentEndpoint(username: string): string {
  return `agent:${username}`;
}

export function callbackEntryId(callbackId: number): string {
  return `callback:${callbackId}`;
}
