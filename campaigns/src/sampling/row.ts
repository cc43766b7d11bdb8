/** An instant as the database or a JSON file gives it: a Date or an ISO 8601 string. */
export type TInstant = Date | string;

export type TGender = 'female' | 'male' | 'other';
export type TPaymentStatus = 'credited' | 'failed' | 'pending';

/**
 * One scheme enrolment as the sampling frame sees it: the enrolment, the resident who holds it,
 * their household and the facts the strata and exclusions need. The server builds these rows
 * from `enrolments`, `residents`, `households`, the latest `benefit_payments` row and the last
 * campaign attempt; the sampler needs nothing else.
 */
export interface TEnrolmentRow {
  enrolmentId: number;
  householdId: number;
  residentId: number;
  schemeCode: string;
  /** LGD district code */
  districtCode: number;
  /** block id (the LGD block code is not unique across districts) */
  blockCode: number;
  gender: TGender;
  birthYear: number;
  /** as stored; normalised to E.164 here, and rows without a valid Indian mobile are excluded */
  mobile: string | null;
  /** status of the latest instalment, null when the enrolment has no payment yet */
  lastPaymentStatus: TPaymentStatus | null;
  /** the period (month) of that instalment */
  lastPaymentOn: TInstant | null;
  dnd: boolean;
  consent: boolean;
  /** the last time any campaign called this resident or household */
  lastContactedAt: TInstant | null;
}

export function instantMs(value: TInstant): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}
