import { describe, expect, it } from 'vitest';
import { searchCategories } from '../src/features/grievances/category-search.js';
import type { TGrievanceCategory } from '../src/features/grievances/grievance.schemas.js';
import { createProjection, initialZoom, niceDistance, radiusToFit, spreadMarkers, toLocalKm } from '../src/features/facilities/projection.js';

/** Great-circle distance, the way the server measures it. */
function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('the offline map projection', () => {
  const raipur = { lat: 21.2514, lon: 81.6296 };

  it('keeps distances within 1% of great-circle distance over a district', () => {
    for (const [dLat, dLon] of [
      [0.3, 0],
      [0, 0.4],
      [-0.25, 0.3],
      [0.45, -0.45],
    ] as const) {
      const point = { lat: raipur.lat + dLat, lon: raipur.lon + dLon };
      const { x, y } = toLocalKm(raipur, point);
      const planar = Math.hypot(x, y);
      expect(Math.abs(planar - haversineKm(raipur, point)) / haversineKm(raipur, point)).toBeLessThan(0.01);
    }
  });

  it('puts north up and east right, the household in the centre, and pulls far points onto the edge', () => {
    const viewport = { width: 600, height: 400, padding: 20 };
    const projection = createProjection(raipur, 10, viewport);
    expect(projection.project(raipur)).toEqual({ x: 300, y: 200, clamped: false });
    const north = projection.project({ lat: raipur.lat + 0.05, lon: raipur.lon });
    expect(north.y).toBeLessThan(200);
    expect(north.x).toBeCloseTo(300, 6);
    const east = projection.project({ lat: raipur.lat, lon: raipur.lon + 0.05 });
    expect(east.x).toBeGreaterThan(300);
    // 10 km to the shorter side's edge: 180 px, so 18 px per km
    expect(projection.pxPerKm).toBeCloseTo(18, 6);
    const far = projection.project({ lat: raipur.lat + 2, lon: raipur.lon });
    expect(far).toMatchObject({ clamped: true });
    expect(far.y).toBeCloseTo(20, 6);
  });

  it('fits every point when asked, and opens on the extent that holds most of them', () => {
    const viewport = { width: 640, height: 400, padding: 30 };
    const points = [0.02, 0.03, 0.05, 0.07, 1.5].map((d) => ({ lat: raipur.lat + d, lon: raipur.lon }));
    const radius = radiusToFit(raipur, points, viewport);
    for (const p of points) expect(createProjection(raipur, radius, viewport).project(p).clamped).toBe(false);
    expect(initialZoom([1.5, 2.1, 3.5, 3.9, 8.9, 9.8, 11, 42, 70, 188], 150)).toBe(15);
    expect(initialZoom([1, 2, 3], 3.3)).toBeNull();
    expect(initialZoom([], 1)).toBeNull();
    expect(niceDistance(37)).toBe(25);
    expect(niceDistance(0.01)).toBe(0.05);
  });
});

describe('markers on the map', () => {
  it('are pushed apart until none overlaps another or the household, and stay on the plot', () => {
    const bounds = { minX: 10, minY: 10, maxX: 290, maxY: 190 };
    const household = { x: 150, y: 100 };
    const points = [household, { x: 152, y: 101 }, { x: 152, y: 101 }, { x: 160, y: 95 }, { x: 12, y: 12 }, { x: 11, y: 11 }];
    const placed = spreadMarkers(points, { minDistance: 23, fixed: [household], bounds });
    expect(placed).toHaveLength(points.length);
    for (const [i, a] of placed.entries()) {
      expect(Math.hypot(a.x - household.x, a.y - household.y)).toBeGreaterThanOrEqual(22.9);
      expect(a.x).toBeGreaterThanOrEqual(bounds.minX);
      expect(a.y).toBeLessThanOrEqual(bounds.maxY);
      for (const b of placed.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(22.9);
    }
    expect(spreadMarkers(points, { minDistance: 23, fixed: [household], bounds })).toEqual(placed);
    // markers that do not touch stay exactly where they are
    expect(spreadMarkers([{ x: 50, y: 50 }, { x: 100, y: 50 }], { minDistance: 23, bounds })).toEqual([{ x: 50, y: 50 }, { x: 100, y: 50 }]);
  });
});

describe('the grievance category search', () => {
  const category = (code: string, nameEn: string, nameHi: string, dept: [string, string, string]): TGrievanceCategory => ({
    code,
    nameEn,
    nameHi,
    deadlineDays: 7,
    department: { code: dept[0], nameEn: dept[1], nameHi: dept[2] },
  });
  const food: [string, string, string] = ['FOOD', 'Food, Civil Supplies and Consumer Protection Department', 'खाद्य, नागरिक आपूर्ति एवं उपभोक्ता संरक्षण विभाग'];
  const energy: [string, string, string] = ['ENERGY', 'Energy Department', 'ऊर्जा विभाग'];
  const categories = [
    category('FOOD-03', 'Ration not received or short quantity at fair price shop', 'उचित मूल्य दुकान से राशन नहीं मिला / कम मिला', food),
    category('ENERGY-01', 'No electricity supply', 'बिजली आपूर्ति नहीं', energy),
  ];

  it('matches English, Hindi, codes and departments, every word typed', () => {
    expect(searchCategories(categories, 'ration shop').map((c) => c.code)).toEqual(['FOOD-03']);
    expect(searchCategories(categories, 'राशन').map((c) => c.code)).toEqual(['FOOD-03']);
    expect(searchCategories(categories, 'बिजली').map((c) => c.code)).toEqual(['ENERGY-01']);
    expect(searchCategories(categories, 'energy-01').map((c) => c.code)).toEqual(['ENERGY-01']);
    expect(searchCategories(categories, 'ऊर्जा').map((c) => c.code)).toEqual(['ENERGY-01']);
    expect(searchCategories(categories, 'ration electricity')).toEqual([]);
    expect(searchCategories(categories, '  ')).toHaveLength(2);
  });
});
