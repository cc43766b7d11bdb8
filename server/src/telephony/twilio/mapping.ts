import { causeFromQ850, type THangupCause } from '../port.js';

/**
 * Twilio's vocabulary (call statuses, SIP response codes, AnsweredBy, Gather results, addresses)
 * turned into the call model's. Pure functions: every row of every table is unit-tested.
 */

export type TFailReason = 'busy' | 'no_answer' | 'rejected' | 'congestion';

/** What one status callback means for a leg, before the leg's own state is taken into account. */
export type TStatusOutcome =
  | { kind: 'progress' }
  | { kind: 'ringing' }
  | { kind: 'answered' }
  | { kind: 'completed'; cause: THangupCause; q850: number }
  | { kind: 'failed'; reason: TFailReason; q850: number }
  | { kind: 'canceled' };

/**
 * SIP final responses to Q.850 causes, after RFC 3398 section 8.2.6.1 (the table gateways use).
 * 487 (request terminated) is what Twilio sends when it gives up ringing; it carries no cause of
 * its own, so the call status decides.
 */
const SIP_TO_Q850: Record<number, number> = {
  400: 41,
  401: 21,
  402: 21,
  403: 21,
  404: 1,
  405: 63,
  406: 79,
  407: 21,
  408: 102,
  410: 22,
  413: 127,
  414: 127,
  415: 79,
  416: 127,
  420: 127,
  421: 127,
  423: 127,
  480: 18,
  481: 41,
  482: 25,
  483: 25,
  484: 28,
  485: 1,
  486: 17,
  488: 127,
  500: 41,
  501: 79,
  502: 38,
  503: 41,
  504: 102,
  505: 127,
  513: 127,
  600: 17,
  603: 21,
  604: 1,
  606: 58,
};

export function q850FromSip(code: number | null | undefined): number | null {
  if (code == null) return null;
  return SIP_TO_Q850[code] ?? null;
}

/** A `failed` call names no reason; its SIP code does, folded into the four the port knows. */
function failReasonOf(q850: number): TFailReason {
  const cause = causeFromQ850(q850);
  return cause === 'busy' || cause === 'no_answer' || cause === 'rejected' ? cause : 'congestion';
}

/** Twilio `CallStatus` (+ `SipResponseCode`) → outcome. busy → 17, no-answer → 19, failed → SIP or 41. */
export function outcomeOfStatus(status: string, sipCode?: number | null): TStatusOutcome {
  switch (status) {
    case 'ringing':
      return { kind: 'ringing' };
    case 'in-progress':
    case 'answered':
      return { kind: 'answered' };
    case 'completed': {
      // a completed call was answered; a non-2xx code here only refines why it cleared
      const q850 = sipCode != null && sipCode >= 300 ? (q850FromSip(sipCode) ?? 16) : 16;
      return { kind: 'completed', cause: causeFromQ850(q850) === 'unknown' ? 'normal' : causeFromQ850(q850), q850 };
    }
    case 'busy':
      return { kind: 'failed', reason: 'busy', q850: 17 };
    case 'no-answer':
      return { kind: 'failed', reason: 'no_answer', q850: 19 };
    case 'failed': {
      const q850 = q850FromSip(sipCode) ?? 41;
      return { kind: 'failed', reason: failReasonOf(q850), q850 };
    }
    case 'canceled':
      return { kind: 'canceled' };
    default:
      // queued, initiated: nothing has happened on the line yet
      return { kind: 'progress' };
  }
}

/** `AnsweredBy` from answering-machine detection; null when detection did not run. */
export function machineResult(answeredBy: string | undefined): 'machine' | 'human' | 'unknown' | null {
  if (answeredBy === undefined || answeredBy === '') return null;
  if (answeredBy === 'human') return 'human';
  // machine_start, machine_end_beep, machine_end_silence, machine_end_other; a fax is no person either
  if (answeredBy.startsWith('machine_') || answeredBy === 'fax') return 'machine';
  return 'unknown';
}

/**
 * Why a <Gather> ended. Twilio posts `FinishedOnKey` (empty unless the finish key ended it) and
 * the digits without the finish key; a short answer without a finish key timed out.
 */
export function gatherReason(digits: string, finishedOnKey: string, maxDigits: number): 'max_digits' | 'terminator' | 'timeout' {
  if (finishedOnKey !== '') return 'terminator';
  return digits.length >= maxDigits ? 'max_digits' : 'timeout';
}

const AGENT = /^agent:([A-Za-z0-9._-]{1,64})$/;
const CLIENT = /^client:([A-Za-z0-9._-]{1,64})$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** Samvad's `agent:<username>` is a Twilio Voice SDK client identity; phone numbers pass as they are. */
export function twilioAddress(to: string, agentAddress: (username: string) => string): string | null {
  const agent = AGENT.exec(to);
  if (agent?.[1]) return agentAddress(agent[1]);
  return E164.test(to) ? to : null;
}

/** The reverse, for calls that come from an agent's softphone. */
export function samvadAddress(address: string): string {
  const client = CLIENT.exec(address);
  return client?.[1] ? `agent:${client[1]}` : address;
}

export function isAgentAddress(to: string): boolean {
  return AGENT.test(to);
}
