import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, createUser, type TTestContext } from './helpers.js';

/** The lists a campaign form picks from: queues and schemes, as the database holds them. */
describe('reference lists for pickers', () => {
  let ctx: TTestContext;
  let supervisor: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    supervisor = await ctx.tokenFor('supervisor1');
  });

  it('lists every queue with its language and department, active ones first', async () => {
    const res = await request(ctx.app).get('/api/queues').set(auth(supervisor));
    expect(res.status).toBe(200);
    const rows = await ctx.prisma.queue.findMany({ include: { department: true } });
    expect(rows.length).toBeGreaterThan(0);
    expect(res.body.queues).toHaveLength(rows.length);
    const general = rows.find((q) => q.code === 'general-hi');
    expect(general).toBeDefined();
    expect(res.body.queues).toContainEqual({
      id: general?.id,
      code: 'general-hi',
      name: general?.name,
      nameHi: general?.nameHi,
      language: 'hi',
      department: null,
      active: true,
    });
    const food = rows.find((q) => q.departmentCode === 'FOOD');
    expect(food?.department).toBeTruthy();
    expect(res.body.queues.find((q: { id: number }) => q.id === food?.id).department).toEqual({
      code: 'FOOD',
      nameEn: food?.department?.nameEn,
      nameHi: food?.department?.nameHi,
    });
    const active: boolean[] = res.body.queues.map((q: { active: boolean }) => q.active);
    expect(active).toEqual([...active].sort((a, b) => Number(b) - Number(a)));
  });

  it('lists every scheme with its department and its enrolments counted as the database has them', async () => {
    const res = await request(ctx.app).get('/api/schemes').set(auth(supervisor));
    expect(res.status).toBe(200);
    const schemes: { code: string; nameEn: string; nameHi: string; department: { code: string }; enrolments: { total: number; active: number } }[] = res.body.schemes;
    expect(schemes.map((s) => s.code)).toEqual((await ctx.prisma.scheme.findMany({ orderBy: { code: 'asc' }, select: { code: true } })).map((s) => s.code));

    const counts = await ctx.prisma.$queryRaw<{ code: string; total: number; active: number }[]>`
      SELECT s.code, count(e.id)::int AS total, (count(e.id) FILTER (WHERE e.status = 'active'))::int AS active
        FROM schemes s LEFT JOIN enrolments e ON e.scheme_code = s.code GROUP BY s.code`;
    const byCode = new Map(counts.map((c) => [c.code, { total: c.total, active: c.active }]));
    for (const scheme of schemes) expect(scheme.enrolments, scheme.code).toEqual(byCode.get(scheme.code));

    // the seed's Krishak Unnati Yojana: some enrolments are closed or suspended, and those are not sampled
    const kuy = schemes.find((s) => s.code === 'KUY');
    expect(kuy).toMatchObject({ nameEn: 'Krishak Unnati Yojana', nameHi: 'कृषक उन्नति योजना', department: { code: 'AGRI' } });
    expect(kuy?.enrolments.active).toBeGreaterThan(0);
    expect(kuy?.enrolments.active).toBeLessThan(kuy?.enrolments.total ?? 0);
    // a scheme nobody is enrolled in is listed with zeros, not left out
    expect(schemes.some((s) => s.enrolments.total === 0)).toBe(true);
  });

  it('serves both lists to any signed-in user and to nobody else', async () => {
    const agent = await createUser(ctx.prisma, 'agent');
    const token = await ctx.tokenFor(agent.username, agent.password);
    for (const path of ['/api/queues', '/api/schemes']) {
      expect((await request(ctx.app).get(path).set(auth(token))).status).toBe(200);
      const anonymous = await request(ctx.app).get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('unauthenticated');
    }
  });

  it('describes both in the OpenAPI document with their response schemas', async () => {
    const res = await request(ctx.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const { paths, components } = res.body;
    expect(paths['/api/queues'].get.tags).toEqual(['reference']);
    expect(paths['/api/schemes'].get.tags).toEqual(['reference']);
    expect(components.schemas.QueueSummary.required).toEqual(expect.arrayContaining(['id', 'code', 'name', 'nameHi', 'language', 'department', 'active']));
    expect(components.schemas.SchemeSummary.required).toEqual(expect.arrayContaining(['code', 'nameEn', 'nameHi', 'department', 'enrolments']));
  });
});
