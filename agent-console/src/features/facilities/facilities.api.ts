import { z } from 'zod';
import { api } from '../../api/client.js';
import { NEARBY_TYPES } from './facility-types.js';

export const ZNearbyFacility = z.object({
  id: z.number().int(),
  typeCode: z.string(),
  typeNameEn: z.string(),
  typeNameHi: z.string(),
  name: z.string(),
  nameLocal: z.string().nullable(),
  districtCode: z.number().int().nullable(),
  lat: z.number(),
  lon: z.number(),
  synthetic: z.boolean(),
  distanceKm: z.number(),
});
export type TNearbyFacility = z.infer<typeof ZNearbyFacility>;

const ZNearby = z.object({ origin: z.object({ lat: z.number(), lon: z.number() }), facilities: z.array(ZNearbyFacility) });

/** The nearest facility of each type the helpline is asked about. */
export function fetchNearby(householdId: number) {
  return api('/api/facilities/nearby', {
    query: { householdId, types: NEARBY_TYPES.join(','), perType: 1, limit: NEARBY_TYPES.length },
    schema: ZNearby,
  });
}
