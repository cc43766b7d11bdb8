import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, type TTestContext } from './helpers.js';

const SCHEME = 'IGNOAPS';

describe('campaigns', () => {
  let ctx: TTestContext;
  let supervisor: string;
  let queueId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    supervisor = await ctx.tokenFor('supervisor1');
    queueId = (await ctx.prisma.queue.findFirstOrThrow({ where: { code: 'general-hi' } })).id;
  });

  const draft = (overrides: object = {}) =>
    request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: 'Old-age pension: did the money reach you?',
        schemeCode: SCHEME,
        mode: 'progressive',
        queueId,
        startsOn: '2026-12-10',
        endsOn: '2026-12-20',
        // contact recency off: other test files place calls in this database meanwhile, and the plans here must not move
        sampling: { strata: ['district'], allocation: { method: 'proportional', total: 40 }, recentContactDays: 0 },
        seed: 11,
        ...overrides,
      });
  const act = (id: number, action: string) => request(ctx.app).post(`/api/campaigns/${id}/${action}`).set(auth(supervisor)).send();

  it('creates a draft with the defaults and the 1600-series caller ID, and records who created it', async () => {
    const res = await draft();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      schemeCode: SCHEME,
      callerId: ctx.config.telephony.outboundCallerId,
      windowStart: '09:00',
      windowEnd: '21:00',
      maxAttempts: 3,
      abandonCapPercent: 3,
      contacts: {},
    });
    expect(res.body.callerId).toMatch(/^\+911600/);
    expect(res.body.history).toEqual([expect.objectContaining({ type: 'created', fromStatus: null, toStatus: 'draft' })]);
    const listed = await request(ctx.app).get('/api/campaigns?status=draft').set(auth(supervisor));
    expect(listed.status).toBe(200);
    expect(listed.body.campaigns.map((c: { id: number }) => c.id)).toContain(res.body.id);
  });

  it('refuses references to what does not exist, and agent campaigns without a queue, naming the field', async () => {
    const unknown = await draft({ schemeCode: 'NO-SUCH', surveyId: 999_999 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.schemeCode', 'body.surveyId']);
    const noQueue = await draft({ queueId: undefined });
    expect(noQueue.status).toBe(400);
    expect(JSON.stringify(noQueue.body.error)).toMatch(/queueId/);
    const missing = await request(ctx.app).get('/api/campaigns/999999').set(auth(supervisor));
    expect(missing.status).toBe(404);
  });

  it('plans the sample against the registry: planned and achievable per stratum, exclusions counted, the same plan twice', async () => {
    const { body: campaign } = await draft();
    const res = await request(ctx.app).get(`/api/campaigns/${campaign.id}/plan`).set(auth(supervisor));
    expect(res.status).toBe(200);
    const plan = res.body;
    const [frame] = await ctx.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM enrolments WHERE scheme_code = ${SCHEME} AND status = 'active'`;
    expect(plan.population).toBe(frame?.count);
    expect(plan.planned).toBe(40);
    expect(plan.strata.reduce((sum: number, s: { planned: number }) => sum + s.planned, 0)).toBe(40);
    // every row is eligible or excluded by a per-row rule; the household rule applies at the draw, among the eligible
    const { household_already_sampled: atTheDraw, ...perRow } = plan.excluded as Record<string, number>;
    expect(plan.eligible + Object.values(perRow).reduce((a, b) => a + b, 0)).toBe(plan.population);
    expect(atTheDraw).toBeLessThanOrEqual(plan.eligible);
    const [dndRows] = await ctx.prisma.$queryRaw<{ dnd: number }[]>`
      SELECT count(*)::int AS dnd FROM enrolments e JOIN residents r ON r.id = e.resident_id
       WHERE e.scheme_code = ${SCHEME} AND e.status = 'active' AND r.dnd`;
    expect(plan.excluded.dnd).toBe(dndRows?.dnd);
    for (const s of plan.strata) expect(s.achievable).toBeLessThanOrEqual(Math.min(s.planned, s.eligible));
    const again = await request(ctx.app).get(`/api/campaigns/${campaign.id}/plan`).set(auth(supervisor));
    expect(again.body.strata).toEqual(plan.strata);
  });

  it('draws and stores the sample when scheduled, one contact per household, then runs, pauses, resumes and completes', async () => {
    const { body: campaign } = await draft();
    const plan = (await request(ctx.app).get(`/api/campaigns/${campaign.id}/plan`).set(auth(supervisor))).body;
    const scheduled = await act(campaign.id, 'schedule');
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect(scheduled.body.contacts).toEqual({ pending: plan.achievable });
    const contacts = await ctx.prisma.campaignContact.findMany({ where: { campaignId: campaign.id }, include: { enrolment: true } });
    expect(new Set(contacts.map((c) => c.householdId)).size).toBe(contacts.length);
    expect(contacts.every((c) => c.enrolment?.schemeCode === SCHEME && /^\+91[6-9]\d{9}$/.test(c.phone))).toBe(true);
    const perStratum = new Map<string, number>();
    for (const c of contacts) perStratum.set(c.stratum, (perStratum.get(c.stratum) ?? 0) + 1);
    for (const s of plan.strata) expect(perStratum.get(s.stratum) ?? 0).toBe(s.achievable);

    expect((await act(campaign.id, 'schedule')).status).toBe(409);
    expect((await act(campaign.id, 'resume')).body.error.message).toMatch(/cannot resume a scheduled campaign/);
    expect((await act(campaign.id, 'start')).body.status).toBe('running');
    expect((await act(campaign.id, 'pause')).body.status).toBe('paused');
    expect((await act(campaign.id, 'resume')).body.status).toBe('running');
    const done = await act(campaign.id, 'complete');
    expect(done.body.status).toBe('completed');
    expect(done.body.history.map((h: { type: string }) => h.type)).toEqual(['created', 'schedule', 'start', 'pause', 'resume', 'complete']);
    expect((await act(campaign.id, 'cancel')).status).toBe(409);
    expect((await act(campaign.id, 'explode')).status).toBe(400);
  });

  it('schedules once when two requests race: the second is refused and the contacts are not doubled', async () => {
    const { body: campaign } = await draft({ seed: 12 });
    const [a, b] = await Promise.all([act(campaign.id, 'schedule'), act(campaign.id, 'schedule')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const stored = await ctx.prisma.campaignContact.count({ where: { campaignId: campaign.id } });
    expect(stored).toBe((a.status === 200 ? a : b).body.contacts.pending);
  });

  it('leaves out residents another campaign called within the last 90 days', async () => {
    const { body: first } = await draft({ seed: 13 });
    await act(first.id, 'schedule');
    const contact = await ctx.prisma.campaignContact.findFirstOrThrow({ where: { campaignId: first.id } });
    const { body: second } = await draft({ seed: 14, sampling: { strata: ['district'], allocation: { method: 'proportional', total: 40 } } });
    expect(second.sampling.recentContactDays).toBe(90);
    const before = (await request(ctx.app).get(`/api/campaigns/${second.id}/plan`).set(auth(supervisor))).body;
    await ctx.prisma.campaignAttempt.create({ data: { campaignId: first.id, contactId: contact.id, attemptNo: 1, startedAt: new Date(), outcome: 'no_answer' } });
    const after = (await request(ctx.app).get(`/api/campaigns/${second.id}/plan`).set(auth(supervisor))).body;
    expect(after.excluded.recently_contacted).toBeGreaterThan(before.excluded.recently_contacted);
    expect(after.eligible).toBeLessThan(before.eligible);
  });

  it('refuses to schedule a campaign whose frame has nobody to call, and keeps it a draft', async () => {
    const scheme = await ctx.prisma.scheme.findFirst({ where: { enrolments: { none: {} } } });
    if (!scheme) throw new Error('the seed gives every scheme enrolments: the test needs one without');
    const { body: campaign } = await draft({ schemeCode: scheme.code });
    const res = await act(campaign.id, 'schedule');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/sample is empty/);
    expect((await request(ctx.app).get(`/api/campaigns/${campaign.id}`).set(auth(supervisor))).body.status).toBe('draft');
  });
});
