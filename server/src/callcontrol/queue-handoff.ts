/**
 * Where the IVR hands a caller to people. Today one implementation exists, the waiting room
 * (`waiting-room.ts`); the ACD built later implements this same interface, or takes calls out of
 * the waiting room, so the flows and call control do not change when it arrives.
 */

export interface TQueueRequest {
  /** queue code, as the flow names it (`general-hi`, `food-cg` …) */
  queue: string;
  /** what an agent must have: languages, departments */
  skills: string[];
  /** larger is served first; equal priorities are served in order of arrival */
  priority: number;
}

export interface TQueuedCall {
  callId: string;
  /** the caller's number, E.164, null when withheld */
  caller: string | null;
}

export interface TQueuePlace {
  /** 1 is next */
  position: number;
  expectedWaitSec: number;
}

export interface TQueueHandoff {
  /** puts the call in the queue (the caller hears music) and says where they stand */
  enqueue(call: TQueuedCall, request: TQueueRequest): Promise<TQueuePlace>;
  /** the call left without being taken (hung up, or went back to the IVR) */
  leave(callId: string): void;
  /** when the call joined its queue, ISO 8601; null when it is in none */
  waitingSince(callId: string): string | null;
}
