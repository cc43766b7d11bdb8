import type { PrismaClient } from '@samvad/db';
import { Invalid, NotFound } from '../../errors.js';
import { FacilityIndex, type TNearbyFacility } from './facility-index.js';

export interface TNearbyRequest {
  householdId?: number;
  lat?: number;
  lon?: number;
  types?: string[];
  limit: number;
  perType?: number;
  maxKm?: number;
}

export function createFacilityService(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  let index = new FacilityIndex([]);
  let typeNames = new Map<string, { nameEn: string; nameHi: string }>();

  return {
    /** Loads (or reloads, after facilities change) the in-memory index. */
    async load(): Promise<number> {
      const [facilities, types] = await Promise.all([
        prisma.facility.findMany({
          select: { id: true, typeCode: true, name: true, nameLocal: true, districtCode: true, lat: true, lon: true, synthetic: true },
          orderBy: { id: 'asc' },
        }),
        prisma.facilityType.findMany(),
      ]);
      index = new FacilityIndex(facilities);
      typeNames = new Map(types.map((t) => [t.code, { nameEn: t.nameEn, nameHi: t.nameHi }]));
      return index.size;
    },

    async nearby(request: TNearbyRequest): Promise<{ origin: { lat: number; lon: number }; facilities: (TNearbyFacility & { typeNameEn: string; typeNameHi: string })[] }> {
      let origin: { lat: number; lon: number };
      if (request.householdId !== undefined) {
        const household = await prisma.household.findUnique({ where: { id: request.householdId }, select: { lat: true, lon: true } });
        if (!household) throw NotFound('Household');
        origin = household;
      } else if (request.lat !== undefined && request.lon !== undefined) {
        origin = { lat: request.lat, lon: request.lon };
      } else {
        throw Invalid('Give either householdId or both lat and lon', [{ field: 'query', message: 'householdId or lat+lon is required' }]);
      }
      const unknown = (request.types ?? []).filter((t) => !typeNames.has(t));
      if (unknown.length > 0) {
        throw Invalid('Unknown facility type', [{ field: 'query.types', message: `unknown type(s): ${unknown.join(', ')}` }]);
      }
      const facilities = index.nearby({ ...origin, types: request.types, limit: request.limit, perType: request.perType, maxKm: request.maxKm });
      return {
        origin,
        facilities: facilities.map((f) => ({
          ...f,
          typeNameEn: typeNames.get(f.typeCode)?.nameEn ?? f.typeCode,
          typeNameHi: typeNames.get(f.typeCode)?.nameHi ?? f.typeCode,
        })),
      };
    },
  };
}

export type TFacilityService = ReturnType<typeof createFacilityService>;
