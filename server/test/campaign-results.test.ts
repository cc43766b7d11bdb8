import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { createDatabase } from '@samvad/db';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { DIAL_QUEUE } from '../src/modules/campaigns/dialer/dialer.js';
import { startCampaignProgress } from '../src/modules/campaigns/results.progress.js';
import type { TProgressUpdate } from '../src/modules/campaigns/results.schemas.js';
import { createCampaignResultService } from '../src/modules/campaigns/results.service.js';
import { createRealtime } from '../src/realtime/socket.js';
import { auth, createTestContext, createUser, type TTestContext } from './helpers.js';

const DAY = 24 * 3600_000;

/** pools of their own for services built outside the app, closed when the file ends */
const pools: ReturnType<typeof createDatabase>[] = [];
const ownPool = () => {
  const db = createDatabase({ url: inject('databaseUrl'), poolSize: 1 });
  pools.push(db);
  return db.pool;
};
afterAll(async () => {
  for (const db of pools) await db.close();
});

/**
 * A campaign built through the campaigns API (its sample drawn from the registry), then given
 * attempts, calls, answers and grievances row by row, so every figure below is known exactly.
 */
describe('campaign results', () => {
  let ctx: TTestContext;
  let supervisor: string;
  let agentToken: string;
  let campaignId: number;
  let planned: number;
  /** the four contacts the story is about: two in each of two strata */
  let a1: number, a2: number, b1: number, b2: number;
  let s1: string, s2: string;
  let ringingContact: number;
  let agentX: { id: number; username: string };
  let agentY: { id: number; username: string };
  const calls = { c1: randomUUID(), c2: randomUUID(), c3: randomUUID(), c4: randomUUID(), other: randomUUID() };
  const dockets = { onCall: `T-${randomUUID().slice(0, 8)}`, onCampaign: `T-${randomUUID().slice(0, 8)}`, unrelated: `T-${randomUUID().slice(0, 8)}` };
  const now = new Date();
  const twoDaysAgo = new Date(now.getTime() - 2 * DAY);

  beforeAll(async () => {
    ctx = await createTestContext();
    supervisor = await ctx.tokenFor('supervisor1');
    const agentUser = await createUser(ctx.prisma, 'agent');
    agentToken = await ctx.tokenFor(agentUser.username, agentUser.password);
    agentX = await createUser(ctx.prisma, 'agent');
    agentY = await createUser(ctx.prisma, 'agent');
    const { prisma } = ctx;
    const queueId = (await prisma.queue.findFirstOrThrow({ where: { code: 'general-hi' } })).id;
    const survey = await prisma.survey.create({
      data: {
        code: `results-test-${randomUUID().slice(0, 8)}`,
        title: 'Ration delivery',
        titleHi: 'राशन वितरण',
        definition: {
          script: { hi: 'नमस्ते', en: 'Hello' },
          questions: [
            { key: 'received', type: 'yesno', prompt: { hi: 'क्या राशन मिला?', en: 'Did you receive the ration?' } },
            { key: 'quality', type: 'rating', prompt: { hi: 'गुणवत्ता?', en: 'How was the quality?' } },
            { key: 'shop', type: 'single', prompt: { hi: 'दुकान?', en: 'Was the shop open?' }, options: { '1': 'open', '2': 'closed' } },
            { key: 'remark', type: 'text', prompt: { hi: 'टिप्पणी', en: 'Remarks' }, maxLength: 500 },
          ],
          thanks: { hi: 'धन्यवाद', en: 'Thank you' },
        },
      },
    });
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: 'Ration delivery check',
        schemeCode: 'PDS',
        mode: 'progressive',
        queueId,
        surveyId: survey.id,
        startsOn: '2026-12-01',
        endsOn: '2027-12-31',
        sampling: { strata: ['district'], allocation: { method: 'fixed', perStratum: 2 }, recentContactDays: 0 },
        seed: 77,
      });
    expect(draft.status).toBe(201);
    campaignId = draft.body.id;
    for (const action of ['schedule', 'start']) expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/${action}`).set(auth(supervisor))).status).toBe(200);

    const contacts = await prisma.campaignContact.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });
    planned = contacts.length;
    const byStratum = new Map<string, number[]>();
    for (const c of contacts) byStratum.set(c.stratum, [...(byStratum.get(c.stratum) ?? []), c.id]);
    const full = [...byStratum].filter(([, ids]) => ids.length >= 2).sort(([a], [b]) => (a < b ? -1 : 1));
    expect(full.length).toBeGreaterThanOrEqual(3);
    [s1, [a1, a2]] = full[0] as [string, [number, number]];
    [s2, [b1, b2]] = full[1] as [string, [number, number]];
    ringingContact = (full[2] as [string, number[]])[1][0] as number;

    const setContact = (id: number, status: 'completed' | 'refused' | 'unreachable' | 'dialing', attempts: number) =>
      prisma.campaignContact.update({ where: { id }, data: { status, attempts, lastOutcome: status } });
    await setContact(a1, 'completed', 2);
    await setContact(a2, 'refused', 1);
    await setContact(b1, 'completed', 2);
    await setContact(b2, 'unreachable', 3);
    await setContact(ringingContact, 'dialing', 1);

    const call = (id: string, contactId: number, agentId: number | null, talkSec: number | null, at: Date) =>
      prisma.call.create({
        data: {
          id,
          direction: 'outbound',
          provider: 'sim',
          fromNumber: '+911600000000',
          toNumber: '+919800000000',
          campaignId,
          campaignContactId: contactId,
          agentId,
          offeredAt: at,
          answeredAt: at,
          bridgedAt: talkSec === null ? null : at,
          endedAt: new Date(at.getTime() + (talkSec ?? 5) * 1000),
        },
      });
    const early = new Date(now.getTime() - 60_000);
    await call(calls.c1, a1, agentX.id, 120, early);
    await call(calls.c2, a2, agentY.id, 30, early);
    await call(calls.c3, b1, null, null, twoDaysAgo);
    await call(calls.c4, b1, agentX.id, 90, early);
    await prisma.call.create({ data: { id: calls.other, direction: 'inbound', provider: 'sim', fromNumber: '+919800000001', toNumber: '1800', offeredAt: early } });

    const attempt = (contactId: number, attemptNo: number, outcome: string | null, startedAt: Date, callId: string | null = null, agentId: number | null = null) =>
      prisma.campaignAttempt.create({ data: { campaignId, contactId, attemptNo, outcome, startedAt, endedAt: startedAt, callId, agentId } });
    await attempt(a1, 1, 'no_answer', twoDaysAgo);
    await attempt(a1, 2, 'answered', early, calls.c1, agentX.id);
    await attempt(a2, 1, 'answered', early, calls.c2, agentY.id);
    await attempt(b1, 1, 'abandoned', twoDaysAgo, calls.c3);
    await attempt(b1, 2, 'answered', early, calls.c4, agentX.id);
    await attempt(b2, 1, 'busy', twoDaysAgo);
    await attempt(b2, 2, 'no_answer', twoDaysAgo);
    await attempt(b2, 3, 'no_answer', early);
    await attempt(ringingContact, 1, null, now);

    const answer = (contactId: number, callId: string, questionKey: string, value: string | number | boolean, at: Date) =>
      prisma.surveyResponse.create({ data: { surveyId: survey.id, campaignId, contactId, callId, questionKey, answer: value, answeredAt: at } });
    await answer(b1, calls.c3, 'received', false, twoDaysAgo);
    await answer(a1, calls.c1, 'received', true, early);
    await answer(a1, calls.c1, 'quality', 4, early);
    await answer(a1, calls.c1, 'shop', 'open', early);
    await answer(a1, calls.c1, 'remark', '=SUM(1)', early);
    await answer(a2, calls.c2, 'received', false, early);
    await answer(b1, calls.c4, 'received', true, early);
    await answer(b1, calls.c4, 'quality', 2, early);
    await answer(b1, calls.c4, 'shop', 'closed', early);
    await answer(b1, calls.c4, 'remark', 'ठीक है, "good"', early);

    const category = await prisma.grievanceCategory.findFirstOrThrow();
    const office = await prisma.office.findFirstOrThrow({ where: { departmentCode: category.departmentCode } });
    const district = await prisma.district.findFirstOrThrow();
    const grievance = (docketNo: string, link: { callId?: string; campaignId?: number }, at: Date) =>
      prisma.grievance.create({
        data: {
          docketNo,
          categoryCode: category.code,
          departmentCode: category.departmentCode,
          officeId: office.id,
          districtCode: office.districtCode ?? district.lgdCode,
          description: 'The ration shop was closed',
          channel: 'campaign',
          dueAt: new Date(now.getTime() + 7 * DAY),
          createdAt: at,
          ...link,
        },
      });
    await grievance(dockets.onCall, { callId: calls.c1 }, early);
    await grievance(dockets.onCampaign, { campaignId }, now);
    await grievance(dockets.unrelated, { callId: calls.other }, now);
  });

  it('adds up rates per stratum, abandonment by day and overall, talk time, answers per question and stratum, and grievances', async () => {
    const res = await request(ctx.app).get(`/api/campaigns/${campaignId}/results`).set(auth(supervisor));
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.progress).toMatchObject({ campaignId, status: 'running', planned, dialled: 5, completed: 2, concluded: 4, inFlight: 1, dialLevel: null, abandonPctToday: 0, abandonPctCampaign: 25 });
    expect(r.rates.total).toMatchObject({ sampled: planned, contacted: 3, completionRate: 2 / planned, refusalRate: 1 / 3, cooperationRate: 2 / 3 });
    expect(r.rates.strata[s1]).toMatchObject({ sampled: 2, contacted: 2, contactRate: 1, completionRate: 0.5, refusalRate: 0.5 });
    expect(r.rates.strata[s2]).toMatchObject({ sampled: 2, contacted: 1, contactRate: 0.5, completionRate: 0.5, refusalRate: 0 });
    expect(r.abandonment.campaign).toEqual({ answered: 4, abandoned: 1, pct: 25 });
    expect(r.abandonment.today).toMatchObject({ answered: 3, abandoned: 0, pct: 0 });
    expect(r.abandonment.days).toHaveLength(2);
    expect(r.abandonment.days[0]).toMatchObject({ answered: 1, abandoned: 1, pct: 100 });
    expect(r.dialing).toEqual({ mode: 'progressive', ringing: 1, connected: 0, staffedAgents: null, dialLevel: null });
    expect(r.talkTime).toEqual({
      calls: 3,
      totalSec: 240,
      averageSec: 80,
      agents: [
        { agentId: agentX.id, username: agentX.username, displayName: 'Test agent', calls: 2, totalSec: 210 },
        { agentId: agentY.id, username: agentY.username, displayName: 'Test agent', calls: 1, totalSec: 30 },
      ],
    });
    const q = Object.fromEntries(r.questions.map((x: { key: string }) => [x.key, x]));
    expect(r.questions.map((x: { key: string }) => x.key)).toEqual(['received', 'quality', 'shop', 'remark']);
    // b1's earlier "no" was replaced by the later "yes"
    expect(q.received.total).toMatchObject({ n: 3, counts: { true: 2, false: 1 } });
    expect(q.received.strata[s1]).toMatchObject({ n: 2, counts: { true: 1, false: 1 } });
    expect(q.received.strata[s2]).toMatchObject({ n: 1, counts: { true: 1 } });
    expect(q.received.label).toBe('Did you receive the ration?');
    expect(q.quality.total).toMatchObject({ n: 2, mean: 3, min: 2, max: 4 });
    expect(q.quality.strata[s1]).toMatchObject({ n: 1, mean: 4 });
    expect(q.shop.total.counts).toEqual({ open: 1, closed: 1 });
    expect(q.remark).toMatchObject({ type: 'text', total: { n: 2, counts: {} } });
    expect(r.grievances.count).toBe(2);
    expect(r.grievances.dockets.map((d: { docketNo: string }) => d.docketNo)).toEqual([dockets.onCall, dockets.onCampaign]);
  });

  it('measures the dial level against the agents staffing the queue', async () => {
    const service = createCampaignResultService({
      prisma: ctx.prisma,
      sql: ownPool(),
      staffing: { boardNow: async () => ({ queues: [{ code: 'general-hi', agents: { ready: 1, reserved: 0, onCall: 2, wrapUp: 1 } }] }) },
    });
    const results = await service.results(campaignId);
    expect(results.dialing).toMatchObject({ ringing: 1, connected: 0, staffedAgents: 4, dialLevel: 0.25 });
    const running = await service.running();
    expect(running.find((p) => p.campaignId === campaignId)).toMatchObject({ planned, inFlight: 1, dialLevel: 0.25 });
  });

  it('exports CSV: one row per sampled contact, a column per question, yes/no spelt out, formulas defused', async () => {
    const res = await request(ctx.app).get(`/api/campaigns/${campaignId}/results.csv`).set(auth(supervisor)).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="campaign-${campaignId}-results.csv"`);
    const text: string = res.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('contact_id,stratum,status,attempts,last_outcome,call_id,answered_at,received,quality,shop,remark');
    expect(lines).toHaveLength(planned + 1);
    const row = (id: number) => lines.find((l) => l.startsWith(`${id},`));
    expect(row(a1)).toMatch(new RegExp(`^${a1},${s1},completed,2,completed,${calls.c1},[^,]+,yes,4,open,'=SUM\\(1\\)$`));
    expect(row(a2)).toMatch(new RegExp(`^${a2},${s1},refused,1,refused,${calls.c2},[^,]+,no,,,$`));
    expect(row(b1)).toMatch(new RegExp(`^${b1},${s2},completed,2,completed,${calls.c4},[^,]+,yes,2,closed,"ठीक है, ""good"""$`));
    expect(row(b2)).toBe(`${b2},${s2},unreachable,3,unreachable,,,,,,`);
  });

  it('exports the FLOIP package: one row per latest answer, the descriptor with its questions, or both in one file', async () => {
    const pkg = await request(ctx.app).get(`/api/campaigns/${campaignId}/results/floip`).set(auth(supervisor));
    expect(pkg.status).toBe(200);
    expect(pkg.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(pkg.headers['content-disposition']).toBe(`attachment; filename="samvad-campaign-${campaignId}.json"`);
    expect(pkg.body).toMatchObject({ profile: 'flow-results-package', name: `samvad-campaign-${campaignId}`, title: 'Ration delivery check' });
    expect(pkg.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [resource] = pkg.body.resources;
    expect(resource.path).toBeUndefined();
    expect(resource.schema.questions).toEqual({
      received: { type: 'select_one', label: 'Did you receive the ration?', type_options: { choices: ['yes', 'no'] } },
      quality: { type: 'numeric', label: 'How was the quality?', type_options: { range: [1, 5] } },
      shop: { type: 'select_one', label: 'Was the shop open?', type_options: { choices: ['open', 'closed'] } },
      remark: { type: 'open', label: 'Remarks', type_options: {} },
    });
    const rows: [string, string, string, string, string, unknown, Record<string, string>][] = resource.data;
    // nine latest answers: b1's replaced "no" is not among them
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r[2] === String(b1) && r[4] === 'received').map((r) => r[5])).toEqual(['yes']);
    expect(rows.find((r) => r[2] === String(a1) && r[4] === 'remark')).toEqual([expect.stringMatching(/\+05:30$/), expect.any(String), String(a1), calls.c1, 'remark', '=SUM(1)', { stratum: s1 }]);
    expect(new Set(rows.map((r) => r[1])).size).toBe(9);

    const descriptor = await request(ctx.app).get(`/api/campaigns/${campaignId}/results/floip?part=descriptor`).set(auth(supervisor));
    expect(descriptor.headers['content-disposition']).toBe('attachment; filename="datapackage.json"');
    expect(descriptor.body.id).toBe(pkg.body.id);
    expect(descriptor.body.resources[0]).toMatchObject({ path: `samvad-campaign-${campaignId}-data.json`, schema: { questions: { remark: { type: 'open' } } } });
    const data = await request(ctx.app).get(`/api/campaigns/${campaignId}/results/floip?part=data`).set(auth(supervisor));
    expect(data.headers['content-disposition']).toBe(`attachment; filename="samvad-campaign-${campaignId}-data.json"`);
    expect(data.body).toEqual(rows);
    const bad = await request(ctx.app).get(`/api/campaigns/${campaignId}/results/floip?part=zip`).set(auth(supervisor));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('query.part');
  });

  it('refuses agents and strangers, and names a campaign that does not exist', async () => {
    for (const path of ['results', 'results.csv', 'results/floip']) {
      const asAgent = await request(ctx.app).get(`/api/campaigns/${campaignId}/${path}`).set(auth(agentToken));
      expect(asAgent.status).toBe(403);
      expect((await request(ctx.app).get(`/api/campaigns/${campaignId}/${path}`)).status).toBe(401);
      const missing = await request(ctx.app).get(`/api/campaigns/999999/${path}`).set(auth(supervisor));
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/json/);
    }
    expect((await request(ctx.app).get('/api/campaigns/abc/results').set(auth(supervisor))).status).toBe(400);
  });

  describe('live progress over Socket.IO', () => {
    const sockets: Socket[] = [];
    let stop: (() => void) | null = null;
    let close: (() => Promise<void>) | null = null;
    afterAll(async () => {
      stop?.();
      for (const s of sockets) s.disconnect();
      await close?.();
    });

    it('pushes running campaigns to supervisors every beat, not to agents, and clears them once none runs', async () => {
      const httpServer = createServer(ctx.app);
      const io = createRealtime({ httpServer, signer: ctx.signer, logger: createLogger('silent'), corsOrigins: [] });
      close = () => io.close();
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
      const open = async (token: string) => {
        const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.on('session', () => resolve());
          socket.on('connect_error', reject);
        });
        return socket;
      };
      const sup = await open(supervisor);
      const agent = await open(agentToken);
      const seenBySupervisor: TProgressUpdate[] = [];
      const seenByAgent: unknown[] = [];
      sup.on('campaign:progress', (u: TProgressUpdate) => seenBySupervisor.push(u));
      agent.on('campaign:progress', (u: unknown) => seenByAgent.push(u));

      const service = createCampaignResultService({ prisma: ctx.prisma, sql: ownPool() });
      const publisher = startCampaignProgress({
        running: service.running,
        send: (update) => io.to(['role:supervisor', 'role:admin']).emit('campaign:progress', update),
        logger: createLogger('silent'),
        intervalMs: 200,
      });
      stop = publisher.stop;
      await expect.poll(() => seenBySupervisor.length, { timeout: 3000 }).toBeGreaterThanOrEqual(2);
      const mine = seenBySupervisor.at(-1)?.campaigns.find((c) => c.campaignId === campaignId);
      expect(mine).toMatchObject({ name: 'Ration delivery check', planned, dialled: 5, completed: 2, inFlight: 1, abandonPctToday: 0, abandonPctCampaign: 25, abandonCapPct: 3 });

      expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/pause`).set(auth(supervisor))).status).toBe(200);
      await expect.poll(() => seenBySupervisor.at(-1)?.campaigns.some((c) => c.campaignId === campaignId), { timeout: 3000 }).toBe(false);
      expect(seenByAgent).toEqual([]);
      expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/resume`).set(auth(supervisor))).status).toBe(200);
    });
  });
});

describe('the job queues board (Bull Board)', () => {
  const prefix = `results-board-${randomUUID().slice(0, 8)}`;
  const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const queue = new Queue(DIAL_QUEUE, { connection, prefix });
  let ctx: TTestContext;
  let app: ReturnType<typeof createApp>['app'];
  let admin: string;
  let supervisor: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    app = createApp({ config: ctx.config, logger: createLogger('silent'), prisma: ctx.prisma, sql: ownPool(), readiness: { database: async () => undefined, redis: async () => undefined }, adminQueues: [queue] }).app;
    const adminUser = await createUser(ctx.prisma, 'admin');
    admin = await ctx.tokenFor(adminUser.username, adminUser.password);
    supervisor = await ctx.tokenFor('supervisor1');
    await queue.add('dial', { contactId: 1, attemptNo: 1 }, { delay: 3_600_000 });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });

  it('is refused without a token (401) and to a supervisor (403)', async () => {
    const anonymous = await request(app).get('/admin/queues/');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const asSupervisor = await request(app).get('/admin/queues/api/queues').set(auth(supervisor));
    expect(asSupervisor.status).toBe(403);
    expect(asSupervisor.body.error.code).toBe('forbidden');
    expect((await request(app).post('/api/admin/queues/session').set(auth(supervisor))).status).toBe(403);
    expect((await request(app).get('/admin/queues/').set('cookie', 'samvad_queue_board=forged')).status).toBe(401);
  });

  it('shows an administrator the dial queue, by bearer token or by the cookie the session route sets', async () => {
    const page = await request(app).get('/admin/queues/').set(auth(admin));
    expect(page.status).toBe(200);
    expect(page.text).toContain('<base href="/admin/queues/"');
    const session = await request(app).post('/api/admin/queues/session').set(auth(admin));
    expect(session.status).toBe(200);
    expect(session.body.url).toBe('/admin/queues/');
    const cookie = session.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^samvad_queue_board=[^;]+; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const api = await request(app).get('/admin/queues/api/queues').set('cookie', cookie.split(';')[0] ?? '');
    expect(api.status).toBe(200);
    const dial = api.body.queues.find((q: { name: string }) => q.name === DIAL_QUEUE);
    expect(dial).toBeDefined();
    expect(dial.counts.delayed).toBe(1);
  });
});
