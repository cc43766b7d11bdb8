import type { TAttemptOutcome } from '../ports.js';
import type { TContactStatus } from '../schedule/next-dial.js';

/** A survey question as the survey definition holds it (`surveys.definition`); only what results need. */
export interface TResultQuestion {
  key: string;
  type: 'single' | 'yesno' | 'rating' | 'number' | 'voice';
  /** the English prompt becomes the label of the results package */
  prompt?: { en?: string };
  /** single choice: key pressed → the value stored as the answer */
  options?: Record<string, string>;
  min?: number;
  max?: number;
}

export interface TResultContact {
  contactId: number;
  stratum: string;
  status: TContactStatus;
}

export interface TResultAttempt {
  contactId: number;
  startedAt: Date;
  outcome: TAttemptOutcome | null;
}

/** one row of `survey_responses` */
export interface TResultAnswer {
  responseId?: number;
  contactId: number | null;
  callId: string | null;
  questionKey: string;
  answer: string | number | boolean | null;
  answeredAt: Date;
}

/** the latest answer of each contact (or call, without a contact) to each question: a redial that re-asks replaces the earlier answer */
export function latestAnswers(answers: readonly TResultAnswer[]): TResultAnswer[] {
  const latest = new Map<string, TResultAnswer>();
  for (const answer of answers) {
    const who = answer.contactId !== null ? `c${answer.contactId}` : `call${answer.callId ?? answer.responseId ?? ''}`;
    const key = `${who}\u0000${answer.questionKey}`;
    const seen = latest.get(key);
    if (!seen || answer.answeredAt >= seen.answeredAt) latest.set(key, answer);
  }
  return [...latest.values()];
}
