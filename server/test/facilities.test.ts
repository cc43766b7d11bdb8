import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, type TTestContext } from './helpers.js';

describe('nearby facilities', () => {
  let ctx: TTestContext;
  let agent: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    agent = await ctx.tokenFor('agent1');
  });
  const nearby = (query: Record<string, string | number>) => request(ctx.app).get('/api/facilities/nearby').query(query).set(auth(agent));

  it('lists the nearest facilities to a household, nearest first, with the distances PostgreSQL computes too', async () => {
    const household = await ctx.prisma.household.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const res = await nearby({ householdId: household.id, limit: 8 });
    expect(res.status).toBe(200);
    expect(res.body.origin).toEqual({ lat: household.lat, lon: household.lon });
    const distances = res.body.facilities.map((f: { distanceKm: number }) => f.distanceKm);
    expect(distances).toHaveLength(8);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    // An independent check: haversine in SQL over every facility gives the same nearest eight.
    const rows = await ctx.prisma.$queryRaw<{ id: number; km: number }[]>`
      SELECT id, 2 * 6371.0088 * asin(sqrt(
        power(sin(radians(lat - ${household.lat}) / 2), 2) +
        cos(radians(${household.lat})) * cos(radians(lat)) * power(sin(radians(lon - ${household.lon}) / 2), 2))) AS km
      FROM facilities ORDER BY km, id LIMIT 8`;
    rows.forEach((row, i) => expect(res.body.facilities[i].distanceKm).toBeCloseTo(row.km, 1));
  });

  it('filters by type and gives the nearest of each type for a screen-pop', async () => {
    const res = await nearby({ lat: 21.2514, lon: 81.6296, types: 'railway_station,fps', perType: 2 });
    expect(res.status).toBe(200);
    const types = res.body.facilities.map((f: { typeCode: string }) => f.typeCode);
    expect(types.filter((t: string) => t === 'railway_station')).toHaveLength(2);
    expect(types.filter((t: string) => t === 'fps')).toHaveLength(2);
    const real = res.body.facilities.find((f: { typeCode: string }) => f.typeCode === 'railway_station');
    expect(real.synthetic).toBe(false);
    expect(real.typeNameHi).toBeTruthy();
    const synthetic = res.body.facilities.find((f: { typeCode: string }) => f.typeCode === 'fps');
    expect(synthetic.synthetic).toBe(true);
  });

  it.each([
    ['no origin', {}, 'query'],
    ['half an origin', { lat: 21.2 }, 'query'],
    ['a latitude out of range', { lat: 123, lon: 81 }, 'query.lat'],
    ['a limit too large', { lat: 21, lon: 81, limit: 5000 }, 'query.limit'],
  ])('answers 400 for %s', async (_label, query, field) => {
    const res = await nearby(query);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 400 for an unknown type and 404 for an unknown household', async () => {
    const type = await nearby({ lat: 21, lon: 81, types: 'spaceport' });
    expect(type.status).toBe(400);
    expect(type.body.error.fields[0].message).toMatch(/spaceport/);
    expect((await nearby({ householdId: 99999999 })).status).toBe(404);
  });
});
