import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, type TTestContext } from './helpers.js';

describe('service applications', () => {
  let ctx: TTestContext;
  let agent: string;
  let officer: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    agent = await ctx.tokenFor('agent1');
    officer = await ctx.tokenFor('officer1');
  });

  it('gives the status, next step and a timeline that ends in the current status', async () => {
    const application = await ctx.prisma.serviceApplication.findFirstOrThrow({ where: { status: 'pending_documents' }, include: { events: true } });
    const spaced = application.applicationNo.replace(/(\d{4})(?=\d)/g, '$1 ');
    const res = await request(ctx.app).get(`/api/applications/${encodeURIComponent(spaced)}`).query({ reason: 'application_follow_up' }).set(auth(agent));
    expect(res.status).toBe(200);
    expect(res.body.applicationNo).toBe(application.applicationNo);
    expect(res.body.status).toBe('pending_documents');
    expect(res.body.timeline).toHaveLength(application.events.length);
    expect(res.body.timeline.at(-1).status).toBe('pending_documents');
    const times = res.body.timeline.map((t: { at: string }) => t.at);
    expect(times).toEqual([...times].sort());
    expect(res.body.expectedBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const audited = await ctx.prisma.auditLog.findFirst({ where: { subjectType: 'application', subjectId: application.applicationNo } });
    expect(audited?.reason).toBe('application_follow_up');
  });

  it('has applications in every state of the timeline', async () => {
    const states = await ctx.prisma.serviceApplication.groupBy({ by: ['status'], _count: true });
    expect(states.map((s) => s.status).sort()).toEqual(['approved', 'issued', 'pending_documents', 'rejected', 'submitted', 'under_verification']);
  });

  it("lets officers see their own department's applications only", async () => {
    const own = await ctx.prisma.serviceApplication.findFirst({ where: { service: { departmentCode: 'FOOD' } } });
    const other = await ctx.prisma.serviceApplication.findFirstOrThrow({ where: { service: { departmentCode: { not: 'FOOD' } } } });
    if (own) {
      const res = await request(ctx.app).get(`/api/applications/${own.applicationNo}`).query({ reason: 'officer_case_work' }).set(auth(officer));
      expect(res.status).toBe(200);
    }
    const res = await request(ctx.app).get(`/api/applications/${other.applicationNo}`).query({ reason: 'officer_case_work' }).set(auth(officer));
    expect(res.status).toBe(403);
  });

  it('answers 404 for an unknown number and 400 for a malformed one', async () => {
    expect((await request(ctx.app).get('/api/applications/000000000000').query({ reason: 'application_follow_up' }).set(auth(agent))).status).toBe(404);
    const bad = await request(ctx.app).get('/api/applications/12AB').query({ reason: 'application_follow_up' }).set(auth(agent));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('params.applicationNo');
  });
});
