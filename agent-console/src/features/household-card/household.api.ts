import { api } from '../../api/client.js';
import { ZHouseholdCard, type TViewReason } from './household.schemas.js';

export function fetchHousehold(id: number, reason: TViewReason) {
  return api(`/api/households/${id}`, { query: { reason }, schema: ZHouseholdCard });
}
