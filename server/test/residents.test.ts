import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, type TTestContext } from './helpers.js';

describe('resident search', () => {
  let ctx: TTestContext;
  let agent: string;
  const search = (query: Record<string, string | number>) =>
    request(ctx.app).get('/api/residents/search').query({ reason: 'caller_identification', ...query }).set(auth(agent));

  beforeAll(async () => {
    ctx = await createTestContext();
    agent = await ctx.tokenFor('agent2');
  });

  it('finds by Latin name prefix, case-insensitively', async () => {
    const someone = await ctx.prisma.resident.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const prefix = someone.nameEn.slice(0, 4).toUpperCase();
    const res = await search({ q: prefix });
    expect(res.status).toBe(200);
    expect(res.body.query).toBe('name_latin');
    expect(res.body.results.length).toBeGreaterThan(0);
    for (const r of res.body.results) expect(r.nameEn.toLowerCase().startsWith(prefix.toLowerCase())).toBe(true);
  });

  it('finds by Devanagari name prefix', async () => {
    const someone = await ctx.prisma.resident.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const prefix = someone.nameHi.slice(0, 3);
    const res = await search({ q: prefix });
    expect(res.status).toBe(200);
    expect(res.body.query).toBe('name_devanagari');
    expect(res.body.results.map((r: { residentId: number }) => r.residentId)).toContain(someone.id);
  });

  it('finds the household by card number and the applicant by application number', async () => {
    const household = await ctx.prisma.household.findFirstOrThrow({ include: { residents: true } });
    const byCard = await search({ q: household.cardNumber });
    expect(byCard.body.results.map((r: { residentId: number }) => r.residentId).sort()).toEqual(household.residents.map((r) => r.id).sort());
    expect(byCard.body.results.every((r: { matchedBy: string }) => r.matchedBy === 'card_number')).toBe(true);

    const application = await ctx.prisma.serviceApplication.findFirstOrThrow();
    const byApp = await search({ q: application.applicationNo });
    expect(byApp.body.results).toHaveLength(1);
    expect(byApp.body.results[0]).toMatchObject({ residentId: application.residentId, matchedBy: 'application_no' });
  });

  it('finds by Aadhaar last four with the birth year, never by the last four alone', async () => {
    const someone = await ctx.prisma.resident.findFirstOrThrow({ where: { aadhaarLast4: { not: null } } });
    const year = someone.birthDate.getUTCFullYear();
    const res = await search({ q: someone.aadhaarLast4!, birthYear: year });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { residentId: number }) => r.residentId)).toContain(someone.id);
    const alone = await search({ q: someone.aadhaarLast4! });
    expect(alone.status).toBe(400);
  });

  it('audits every resident shown', async () => {
    const res = await search({ q: 'ra' });
    const ids = res.body.results.map((r: { residentId: number }) => String(r.residentId));
    expect(ids.length).toBeGreaterThan(0);
    const rows = await ctx.prisma.auditLog.findMany({ where: { action: 'resident.search', subjectId: { in: ids }, actor: { username: 'agent2' } } });
    expect(new Set(rows.map((r) => r.subjectId))).toEqual(new Set(ids));
  });

  it.each([['x'], ['12345'], ['Ram123'], ['%_%']])('answers 400 for %j', async (q) => {
    const res = await search({ q });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('query.q');
  });
});
