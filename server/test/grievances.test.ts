import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, createUser, type TTestContext } from './helpers.js';

/**
 * Each run makes a department of its own with a state office and one district office, so the
 * routing rules are checked against offices the test controls.
 */
describe('grievances', () => {
  let ctx: TTestContext;
  let agent: string;
  const dept = `T${randomUUID().slice(0, 6).toUpperCase()}`;
  const category = `${dept}-01`;
  let withOffice: { lgdCode: number; blockId: number };
  let withoutOffice: number;
  let districtOfficeId: number;
  let stateOfficeId: number;
  let officerHere: string;
  let officerElsewhere: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    agent = await ctx.tokenFor('agent1');
    const districts = await ctx.prisma.district.findMany({ include: { blocks: true }, orderBy: { lgdCode: 'asc' }, take: 2 });
    const [a, b] = districts;
    if (!a || !b || !a.blocks[0]) throw new Error('seed has too few districts');
    withOffice = { lgdCode: a.lgdCode, blockId: a.blocks[0].id };
    withoutOffice = b.lgdCode;
    await ctx.prisma.department.create({ data: { code: dept, nameEn: 'Test Department', nameHi: 'परीक्षण विभाग', helplineTier: 'core', citizenServices: 'tests' } });
    stateOfficeId = (await ctx.prisma.office.create({ data: { departmentCode: dept, level: 'state', name: 'Directorate', nameHi: 'संचालनालय' } })).id;
    districtOfficeId = (
      await ctx.prisma.office.create({ data: { departmentCode: dept, level: 'district', districtCode: a.lgdCode, name: 'District office', nameHi: 'जिला कार्यालय' } })
    ).id;
    await ctx.prisma.grievanceCategory.create({ data: { code: category, departmentCode: dept, nameEn: 'Test category', nameHi: 'परीक्षण', deadlineDays: 15 } });
    const here = await createUser(ctx.prisma, 'officer', { departmentCode: dept, districtCode: a.lgdCode, officeId: districtOfficeId });
    const elsewhere = await createUser(ctx.prisma, 'officer', { departmentCode: dept, districtCode: b.lgdCode });
    officerHere = await ctx.tokenFor(here.username, here.password);
    officerElsewhere = await ctx.tokenFor(elsewhere.username, elsewhere.password);
  });

  const register = (body: object, token = agent) => request(ctx.app).post('/api/grievances').set(auth(token)).send(body);

  it("routes to the department's district office with a docket number and a due date", async () => {
    const before = Date.now();
    const res = await register({
      categoryCode: category,
      description: 'Ration not received for two months at the fair price shop',
      complainantName: 'Sunita Sahu',
      complainantPhone: '098765 43210',
      districtCode: withOffice.lgdCode,
      blockId: withOffice.blockId,
    });
    expect(res.status).toBe(201);
    expect(res.body.docketNo).toMatch(/^CG-\d{4}-\d{6}$/);
    expect(res.body.office.id).toBe(districtOfficeId);
    expect(res.body.status).toBe('registered');
    expect(res.body.complainant.phone).toBe('+919876543210');
    const due = new Date(res.body.dueAt).getTime() - new Date(res.body.createdAt).getTime();
    expect(due).toBe(15 * 86_400_000);
    expect(new Date(res.body.createdAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['registered', 'routed']);

    const fetched = await request(ctx.app).get(`/api/grievances/${res.body.docketNo}`).set(auth(agent));
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(res.body);
  });

  it('falls back to the state office when the district has no office', async () => {
    const res = await register({ categoryCode: category, description: 'No office in this district', anonymous: true, districtCode: withoutOffice });
    expect(res.status).toBe(201);
    expect(res.body.office).toMatchObject({ id: stateOfficeId, level: 'state' });
    expect(res.body.events[1].note).toMatch(/state office/);
  });

  it("takes the district from the linked resident's household", async () => {
    const resident = await ctx.prisma.resident.findFirstOrThrow({ include: { household: true } });
    const res = await register({ categoryCode: category, description: 'Linked to a resident of the data hub', residentId: resident.id });
    expect(res.status).toBe(201);
    expect(res.body.district.code).toBe(resident.household.districtCode);
    expect(res.body.complainant).toMatchObject({ residentId: resident.id, householdId: resident.householdId, name: resident.nameEn });
  });

  it('never shows an officer who filed an anonymous grievance', async () => {
    const resident = await ctx.prisma.resident.findFirstOrThrow({ where: { mobile: { not: null } }, include: { household: true } });
    const res = await register({
      categoryCode: category,
      description: 'Shop keeper demands money for ration, please keep my name secret',
      anonymous: true,
      residentId: resident.id,
      complainantPhone: resident.mobile!,
      districtCode: withOffice.lgdCode,
    });
    expect(res.status).toBe(201);
    // the contact centre still knows, so it can call back
    expect(res.body.complainant.residentId).toBe(resident.id);

    const seen = await request(ctx.app).get(`/api/grievances/${res.body.docketNo}`).set(auth(officerHere));
    expect(seen.status).toBe(200);
    expect(seen.body.anonymous).toBe(true);
    expect(seen.body.complainant).toBeNull();
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain(resident.nameEn);
    expect(text).not.toContain(resident.mobile!.slice(-4) + '"');
    expect(text).not.toContain(`"residentId":${resident.id}`);

    // nor on the household card
    const card = await request(ctx.app).get(`/api/households/${resident.householdId}`).query({ reason: 'officer_case_work' }).set(auth(officerHere));
    expect(card.body.recentGrievances.map((g: { docketNo: string }) => g.docketNo)).not.toContain(res.body.docketNo);
    const agentCard = await request(ctx.app).get(`/api/households/${resident.householdId}`).query({ reason: 'grievance_follow_up' }).set(auth(agent));
    expect(agentCard.body.recentGrievances.map((g: { docketNo: string }) => g.docketNo)).toContain(res.body.docketNo);
  });

  it("shows officers masked phones, and refuses another district's officer", async () => {
    const res = await register({ categoryCode: category, description: 'Named complaint with a phone', complainantName: 'Ramesh Verma', complainantPhone: '+91 91234 56789', districtCode: withOffice.lgdCode });
    const seen = await request(ctx.app).get(`/api/grievances/${res.body.docketNo}`).set(auth(officerHere));
    expect(seen.body.complainant.phone).toBe('+91******6789');
    const refused = await request(ctx.app).get(`/api/grievances/${res.body.docketNo}`).set(auth(officerElsewhere));
    expect(refused.status).toBe(403);
  });

  it('hands out unique docket numbers under concurrent registration', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        register({ categoryCode: category, description: `Concurrent grievance number ${i}`, anonymous: true, districtCode: withOffice.lgdCode }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(25).fill(201));
    const dockets = results.map((r) => r.body.docketNo);
    expect(new Set(dockets).size).toBe(25);
    const numbers = dockets.map((d) => Number(d.split('-')[2])).sort((x, y) => x - y);
    expect(numbers.at(-1)! - numbers[0]!).toBe(24);
  });

  it.each([
    ['an unknown category', { categoryCode: 'NOPE-99', description: 'Some long description', anonymous: true, districtCode: 1 }, 'body.categoryCode'],
    ['a short description', { categoryCode: 'X', description: 'short', anonymous: true, districtCode: 1 }, 'body.description'],
    ['no complainant', { categoryCode: 'X', description: 'Some long description', districtCode: 1 }, 'body.complainantName'],
    ['no district', { categoryCode: 'X', description: 'Some long description', anonymous: true }, 'body.districtCode'],
    ['a garbage phone', { categoryCode: 'X', description: 'Some long description', complainantName: 'A B', complainantPhone: 'call me', districtCode: 1 }, 'body.complainantPhone'],
    ['a wrong channel', { categoryCode: 'X', description: 'Some long description', anonymous: true, districtCode: 1, channel: 'fax' }, 'body.channel'],
  ])('answers 400 for %s', async (_label, body, field) => {
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 400 for a block outside the district and for an unknown resident, saving nothing', async () => {
    const count = await ctx.prisma.grievance.count();
    const otherBlock = await ctx.prisma.block.findFirstOrThrow({ where: { districtCode: { not: withOffice.lgdCode } } });
    const badBlock = await register({ categoryCode: category, description: 'Block from elsewhere', anonymous: true, districtCode: withOffice.lgdCode, blockId: otherBlock.id });
    expect(badBlock.status).toBe(400);
    expect(badBlock.body.error.fields[0].field).toBe('body.blockId');
    const badResident = await register({ categoryCode: category, description: 'Resident who is not there', residentId: 99999999 });
    expect(badResident.status).toBe(400);
    expect(await ctx.prisma.grievance.count()).toBe(count);
  });

  it('answers 404 for an unknown docket and 400 for a malformed one', async () => {
    expect((await request(ctx.app).get('/api/grievances/CG-1999-000001').set(auth(agent))).status).toBe(404);
    const bad = await request(ctx.app).get('/api/grievances/12345').set(auth(agent));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('params.docketNo');
  });
});
