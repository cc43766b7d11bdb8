import type { TAttemptOutcome, TContactOutcome } from '../ports.js';
import { earliestDialableAt, nextWindowOpening, type TCallingCalendar } from './calendar.js';
import type { TRetryPolicy } from './retry-policy.js';

/** `campaign_contacts.status` */
export type TContactStatus = 'pending' | 'dialing' | 'in_progress' | TContactOutcome | 'cancelled';

/** one row of `campaign_attempts`, with what the conversation established when it was answered */
export interface TAttemptRecord {
  at: Date;
  endedAt?: Date | null;
  outcome: TAttemptOutcome;
  /** set by the agent or the survey when the call was answered */
  result?: TContactOutcome | null;
}

export interface TCampaignSchedule {
  calendar: TCallingCalendar;
  retry: TRetryPolicy;
}

export type TDialReason =
  | 'first_attempt'
  | 'after_busy'
  | 'after_no_answer'
  | 'after_machine'
  | 'after_partial'
  | 'next_window'
  | 'after_abandon';

export type TStopReason = 'final_outcome' | 'max_attempts' | 'campaign_over' | 'call_in_progress';

export type TDialDecision =
  | { at: Date; status: 'pending'; reason: TDialReason; /** moved forward to the calling window */ movedIntoWindow: boolean }
  | { at: null; status: TContactStatus; reason: TStopReason };

/** outcomes that end a contact for good: the survey is done, or the person must not be called again */
const FINAL = new Set<TContactStatus>(['completed', 'refused', 'wrong_person', 'dnd', 'unreachable', 'cancelled']);
const FINAL_RESULTS = new Set<TContactOutcome>(['completed', 'refused', 'wrong_person', 'dnd']);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** what a contact is when the campaign stops trying: the best it reached */
function exhaustedStatus(history: readonly TAttemptRecord[]): TContactStatus {
  if (history.some((a) => a.result === 'partial' || (a.outcome === 'answered' && !a.result))) return 'partial';
  if (history.some((a) => a.outcome === 'abandoned')) return 'abandoned';
  return history.length === 0 ? 'cancelled' : 'unreachable';
}

/** the earliest redial the last attempt allows, before the window and the abandon rule */
function afterLast(last: TAttemptRecord, retry: TRetryPolicy, calendar: TCallingCalendar): { at: Date | null; reason: TDialReason } {
  const end = last.endedAt ?? last.at;
  const later = (ms: number) => new Date(end.getTime() + ms);
  switch (last.outcome) {
    case 'busy':
      return { at: later(retry.busyMinutes * MINUTE), reason: 'after_busy' };
    case 'no_answer':
      return { at: later(retry.noAnswerMinutes * MINUTE), reason: 'after_no_answer' };
    case 'machine':
      return { at: later(retry.machineMinutes * MINUTE), reason: 'after_machine' };
    case 'failed':
    case 'congestion':
      // the network or the number failed: a fresh day's window, not minutes later
      return { at: nextWindowOpening(calendar, end), reason: 'next_window' };
    case 'abandoned':
      return { at: later(retry.abandonedQuietHours * HOUR), reason: 'after_abandon' };
    case 'answered':
      return { at: later(retry.partialMinutes * MINUTE), reason: 'after_partial' };
  }
}

/**
 * When a contact may be dialled next, or why never again. Pure: the history and `now` are all
 * it reads. Completed, refused, wrong-person and DND contacts are never redialled; after
 * `maxAttempts` the contact stops; an abandoned call blocks redial for `abandonedQuietHours`
 * whatever came after it; every time returned lies inside the calling window.
 */
export function nextDialableAt(contact: { status: TContactStatus; lastAbandonAt?: Date | null }, history: readonly TAttemptRecord[], schedule: TCampaignSchedule, now: Date): TDialDecision {
  const { calendar, retry } = schedule;
  if (FINAL.has(contact.status)) return { at: null, status: contact.status, reason: 'final_outcome' };
  if (contact.status === 'dialing' || contact.status === 'in_progress') return { at: null, status: contact.status, reason: 'call_in_progress' };
  const attempts = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const final = attempts.find((a) => a.result && FINAL_RESULTS.has(a.result));
  if (final?.result) return { at: null, status: final.result, reason: 'final_outcome' };
  if (attempts.length >= retry.maxAttempts) return { at: null, status: exhaustedStatus(attempts), reason: 'max_attempts' };

  const last = attempts.at(-1);
  let { at: earliest, reason } = last ? afterLast(last, retry, calendar) : { at: now, reason: 'first_attempt' as TDialReason };
  const abandons = attempts.filter((a) => a.outcome === 'abandoned').map((a) => (a.endedAt ?? a.at).getTime());
  if (contact.lastAbandonAt) abandons.push(contact.lastAbandonAt.getTime());
  if (abandons.length > 0 && earliest) {
    const quietUntil = Math.max(...abandons) + retry.abandonedQuietHours * HOUR;
    if (quietUntil > earliest.getTime()) {
      earliest = new Date(quietUntil);
      reason = 'after_abandon';
    }
  }
  if (earliest && earliest < now) earliest = now;
  const at = earliest ? earliestDialableAt(calendar, earliest) : null;
  if (!at) return { at: null, status: exhaustedStatus(attempts), reason: 'campaign_over' };
  return { at, status: 'pending', reason, movedIntoWindow: earliest !== null && at.getTime() !== earliest.getTime() };
}
