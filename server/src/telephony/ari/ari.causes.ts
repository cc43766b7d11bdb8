import { causeFromQ850, type THangupCause } from '../port.js';

export type TFailReason = 'busy' | 'no_answer' | 'rejected' | 'congestion';

/** Q.850 codes that say by themselves why an unanswered call failed. */
const DECISIVE: Record<number, TFailReason> = {
  1: 'rejected', // unallocated number
  2: 'congestion',
  3: 'congestion',
  17: 'busy',
  18: 'no_answer',
  19: 'no_answer',
  20: 'no_answer', // subscriber absent (switched off)
  21: 'rejected',
  22: 'rejected', // number changed
  27: 'congestion',
  28: 'rejected', // invalid number format
  34: 'congestion',
  38: 'congestion',
  41: 'congestion',
  42: 'congestion',
  44: 'congestion',
  47: 'congestion',
};

/** Terminal `dialstatus` values of Asterisk's Dial event (CANCEL is our own hang-up, not a failure). */
const DIALSTATUS: Record<string, TFailReason> = {
  BUSY: 'busy',
  NOANSWER: 'no_answer',
  CONGESTION: 'congestion',
  CHANUNAVAIL: 'congestion',
};

export interface TUnansweredEnd {
  /** ChannelDestroyed's cause; 0 when Asterisk set none (it sets none when an originate times out) */
  q850: number;
  /** last Dial event status seen for the leg, if any */
  dialStatus: string | null;
  /** the far end rang (ChannelStateChange to Ringing, or Dial RINGING) */
  rang: boolean;
  elapsedMs: number;
  timeoutSec: number;
}

/**
 * Why an outbound leg that was never answered ended. The cause decides where it is specific;
 * then the Dial status; an originate that times out leaves cause 0, so a leg that rang (or ran
 * its full timeout) and ended without a specific cause was not answered.
 */
export function failureReason(end: TUnansweredEnd): TFailReason {
  const byCause = DECISIVE[end.q850];
  if (byCause) return byCause;
  const byDial = end.dialStatus ? DIALSTATUS[end.dialStatus] : undefined;
  if (byDial) return byDial;
  if (end.rang || end.elapsedMs >= end.timeoutSec * 1000 - 500) return 'no_answer';
  return 'congestion';
}

/** The port's hangup cause for a ChannelDestroyed cause; Asterisk reports 0 when no cause was set. */
export function hangupCause(q850: number | null): THangupCause {
  return q850 === null ? 'unknown' : causeFromQ850(q850);
}

export function q850OrNull(cause: number | undefined): number | null {
  return cause === undefined || cause <= 0 ? null : cause;
}

/**
 * The verdict of the [outbound-amd] context, which re-enters Stasis with
 * `outbound,<AMDSTATUS>,<AMDCAUSE>`. Null when the arguments are not an AMD re-entry.
 */
export function amdVerdict(args: readonly string[]): 'machine' | 'human' | 'unknown' | null {
  if (args[0] !== 'outbound' || args.length < 2) return null;
  switch (args[1]) {
    case 'HUMAN':
      return 'human';
    case 'MACHINE':
      return 'machine';
    default:
      // NOTSURE, or anything a changed dialplan might send
      return 'unknown';
  }
}
