import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';

export interface TFacilityPoint {
  id: number;
  typeCode: string;
  name: string;
  nameLocal: string | null;
  districtCode: number | null;
  lat: number;
  lon: number;
  synthetic: boolean;
}

export interface TNearbyQuery {
  lat: number;
  lon: number;
  /** only these types; all types when empty */
  types?: readonly string[];
  /** total results when perType is not set */
  limit: number;
  /** when set: up to this many of each requested type (what a screen-pop wants) */
  perType?: number;
  maxKm?: number;
}

export type TNearbyFacility = TFacilityPoint & { distanceKm: number };

/**
 * An in-memory k-d tree over every facility. Facilities change rarely and a screen-pop asks
 * for them on every call, so a great-circle nearest-neighbour search in memory (microseconds)
 * beats a database round trip; the index is rebuilt when facilities change.
 */
export class FacilityIndex {
  private readonly tree: KDBush;

  constructor(private readonly points: readonly TFacilityPoint[]) {
    this.tree = new KDBush(Math.max(points.length, 1));
    for (const p of points) this.tree.add(p.lon, p.lat);
    if (points.length === 0) this.tree.add(0, 0); // kdbush needs one point; never matched below
    this.tree.finish();
  }

  get size(): number {
    return this.points.length;
  }

  nearby(query: TNearbyQuery): TNearbyFacility[] {
    const types = query.types && query.types.length > 0 ? query.types : null;
    const search = (limit: number, accept: (p: TFacilityPoint) => boolean) =>
      around(this.tree, query.lon, query.lat, limit, query.maxKm, (i) => {
        const point = this.points[i];
        return point !== undefined && accept(point);
      }).flatMap((i) => {
        const p = this.points[i];
        return p ? [{ ...p, distanceKm: round(distance(query.lon, query.lat, p.lon, p.lat), 3) }] : [];
      });

    if (query.perType !== undefined && types) {
      const perType = query.perType;
      return types
        .flatMap((type) => search(perType, (p) => p.typeCode === type))
        .sort((a, b) => a.distanceKm - b.distanceKm);
    }
    const typeSet = types ? new Set(types) : null;
    return search(query.limit, (p) => typeSet === null || typeSet.has(p.typeCode));
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
