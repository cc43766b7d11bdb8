import { indianMobileE164 } from '../shared/india.js';
import { instantMs, type TEnrolmentRow } from './row.js';

/**
 * Why a row was not sampled, in the order the rules are checked (a row is counted once, under
 * the first rule it fails). `household_already_sampled` is decided at selection time: a
 * household gets at most one contact per campaign.
 */
export const EXCLUSION_REASONS = ['dnd', 'no_consent', 'invalid_mobile', 'recently_contacted', 'household_in_campaign', 'household_already_sampled'] as const;
export type TExclusionReason = (typeof EXCLUSION_REASONS)[number];
export type TExclusionCounts = Record<TExclusionReason, number>;

export const DEFAULT_RECENT_CONTACT_DAYS = 90;

export function noExclusions(): TExclusionCounts {
  return { dnd: 0, no_consent: 0, invalid_mobile: 0, recently_contacted: 0, household_in_campaign: 0, household_already_sampled: 0 };
}

export interface TExclusionRules {
  /** rows last contacted at or after this instant are left out */
  contactedSinceMs: number;
  /** households that already have a contact in this campaign (a top-up sample) */
  householdsInCampaign: ReadonlySet<number>;
}

export function exclusionRules(asOf: Date, recentContactDays = DEFAULT_RECENT_CONTACT_DAYS, householdsInCampaign: Iterable<number> = []): TExclusionRules {
  if (!(recentContactDays >= 0)) throw new RangeError('recentContactDays must be 0 or more');
  return { contactedSinceMs: asOf.getTime() - recentContactDays * 86_400_000, householdsInCampaign: new Set(householdsInCampaign) };
}

/**
 * The reason a row cannot be called, or null when it can. `phone` is the row's mobile already
 * normalised (null when it is not a valid Indian mobile), so callers normalise once.
 */
export function exclusionOf(row: TEnrolmentRow, phone: string | null, rules: TExclusionRules): TExclusionReason | null {
  if (row.dnd) return 'dnd';
  if (!row.consent) return 'no_consent';
  if (phone === null) return 'invalid_mobile';
  if (row.lastContactedAt !== null && instantMs(row.lastContactedAt) >= rules.contactedSinceMs) return 'recently_contacted';
  if (rules.householdsInCampaign.has(row.householdId)) return 'household_in_campaign';
  return null;
}

/** the E.164 number to dial, or the reason the row cannot be called */
export function screenRow(row: TEnrolmentRow, rules: TExclusionRules): { phone: string } | { excluded: TExclusionReason } {
  const phone = indianMobileE164(row.mobile);
  const excluded = exclusionOf(row, phone, rules);
  return excluded === null && phone !== null ? { phone } : { excluded: excluded ?? 'invalid_mobile' };
}
