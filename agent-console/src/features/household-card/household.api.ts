import { api } from '../../api/client.js';
import { ZHouseholdCard, type TViewPurpose } from './household.schemas.js';

export function fetchHousehold(id: number, purpose: TViewPurpose) {
  return api(`/api/households/${id}`, { query: { reason: purpose.reason, callId: purpose.callId }, schema: ZHouseholdCard });
}
