import { describe, expect, it } from 'vitest';
import { FacilityIndex, type TFacilityPoint } from './facility-index.js';

const raipur = { lat: 21.2514, lon: 81.6296 };
const point = (id: number, typeCode: string, lat: number, lon: number): TFacilityPoint => ({
  id,
  typeCode,
  name: `F${id}`,
  nameLocal: null,
  districtCode: null,
  lat,
  lon,
  synthetic: true,
});

const points = [
  point(1, 'phc', 21.26, 81.63), // ~1 km north of Raipur
  point(2, 'school', 21.2514, 81.7296), // ~10 km east
  point(3, 'phc', 22.0797, 82.1409), // Bilaspur, ~105 km
  point(4, 'railway_station', 21.2497, 81.6303), // Raipur Junction, ~0.2 km
  point(5, 'school', 21.30, 81.63), // ~5.4 km
];

describe('FacilityIndex', () => {
  const index = new FacilityIndex(points);

  it('returns the nearest first with great-circle distances in km', () => {
    const result = index.nearby({ ...raipur, limit: 3 });
    expect(result.map((f) => f.id)).toEqual([4, 1, 5]);
    expect(result[0]?.distanceKm).toBeCloseTo(0.2, 1);
    // one degree of longitude at 21.25°N is about 103.7 km, so 0.1° is about 10.4 km
    expect(index.nearby({ ...raipur, limit: 1, types: ['school'] })[0]?.id).toBe(5);
    expect(index.nearby({ ...raipur, limit: 5, types: ['school'] }).find((f) => f.id === 2)?.distanceKm).toBeCloseTo(10.37, 1);
  });

  it('filters by type and by distance', () => {
    expect(index.nearby({ ...raipur, limit: 10, types: ['phc'] }).map((f) => f.id)).toEqual([1, 3]);
    expect(index.nearby({ ...raipur, limit: 10, types: ['phc'], maxKm: 50 }).map((f) => f.id)).toEqual([1]);
  });

  it('gives the nearest of each type for a screen-pop', () => {
    const result = index.nearby({ ...raipur, limit: 10, types: ['phc', 'school', 'railway_station'], perType: 1 });
    expect(result.map((f) => f.id)).toEqual([4, 1, 5]);
  });

  it('answers on an empty index', () => {
    expect(new FacilityIndex([]).nearby({ ...raipur, limit: 5 })).toEqual([]);
  });
});
