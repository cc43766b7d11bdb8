import { z } from 'zod';
import { api } from '../../api/client.js';
import { ZHouseholdCard, type TViewPurpose } from '../household-card/household.schemas.js';

const ZScreenPop = z.object({ phone: z.string(), households: z.array(ZHouseholdCard) });

/** Every household with a member on this number; the server accepts any Indian format. */
export function fetchHouseholdsByPhone(phone: string, purpose: TViewPurpose) {
  return api(`/api/households/by-phone/${encodeURIComponent(phone)}`, { query: { reason: purpose.reason, callId: purpose.callId }, schema: ZScreenPop });
}

export const ZResidentMatch = z.object({
  residentId: z.number().int(),
  householdId: z.number().int(),
  cardNumber: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  gender: z.enum(['female', 'male', 'other']),
  age: z.number().int(),
  relation: z.string(),
  mobile: z.string().nullable(),
  village: z.string(),
  district: z.object({ code: z.number().int(), name: z.string() }),
  matchedBy: z.enum(['name', 'card_number', 'application_no', 'aadhaar_last4']),
});
export type TResidentMatch = z.infer<typeof ZResidentMatch>;

const ZSearchResult = z.object({ query: z.string(), results: z.array(ZResidentMatch) });

export interface TResidentSearch {
  q: string;
  birthYear?: number | undefined;
}

/** Name (Latin or Devanagari), card or application number, or Aadhaar last four with birth year. */
export function searchResidents(search: TResidentSearch, purpose: TViewPurpose) {
  return api('/api/residents/search', {
    query: { q: search.q, birthYear: search.birthYear, reason: purpose.reason, callId: purpose.callId },
    schema: ZSearchResult,
  });
}
