import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import type { TFacilityService } from './facilities.service.js';

const ZNearbyQuery = z
  .object({
    householdId: z.coerce.number().int().positive().optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    types: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(',').map((t) => t.trim()).filter(Boolean) : undefined))
      .meta({ description: 'comma-separated facility type codes, e.g. phc,school_primary,fps,bank_branch' }),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    perType: z.coerce.number().int().min(1).max(10).optional().meta({ description: 'up to this many of each requested type' }),
    maxKm: z.coerce.number().positive().max(1000).optional(),
  })
  .refine((q) => q.householdId !== undefined || (q.lat !== undefined && q.lon !== undefined), {
    message: 'give either householdId or both lat and lon',
  })
  .refine((q) => q.householdId === undefined || (q.lat === undefined && q.lon === undefined), {
    message: 'give householdId or lat/lon, not both',
  });

const ZNearbyFacility = z
  .object({
    id: z.number().int(),
    typeCode: z.string(),
    typeNameEn: z.string(),
    typeNameHi: z.string(),
    name: z.string(),
    nameLocal: z.string().nullable(),
    districtCode: z.number().int().nullable(),
    lat: z.number(),
    lon: z.number(),
    synthetic: z.boolean().meta({ description: 'true for points generated for the demo' }),
    distanceKm: z.number().meta({ description: 'great-circle distance from the origin' }),
  })
  .meta({ id: 'NearbyFacility' });

export function facilityRoutes(facilities: TFacilityService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/facilities/nearby',
      summary: 'Nearest facilities to a household or a point, by great-circle distance',
      tag: 'facilities',
      access: ['agent', 'supervisor', 'officer', 'admin'],
      query: ZNearbyQuery,
      response: {
        description: 'Facilities, nearest first',
        schema: z.object({ origin: z.object({ lat: z.number(), lon: z.number() }), facilities: z.array(ZNearbyFacility) }),
      },
      handler: ({ query }) => facilities.nearby(query),
    }),
  ];
}
