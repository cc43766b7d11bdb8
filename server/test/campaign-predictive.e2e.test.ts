import { randomUUID } from 'node:crypto';
import { createDatabase, type TDatabase } from '@samvad/db';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AcdService } from '../src/acd/acd.service.js';
import { PgAcdStore } from '../src/acd/acd.store.js';
import type { TAgentPhone } from '../src/acd/agent-phone.js';
import { createLogger } from '../src/logger.js';
import { createServerDialer } from '../src/modules/campaigns/dialer/wiring.js';
import type { CampaignDialer } from '../src/modules/campaigns/dialer/dialer.js';
import { createCampaignCallService, type TCampaignCallService } from '../src/modules/campaigns/campaign-calls.service.js';
import { createAuditLog } from '../src/modules/audit/audit.service.js';
import type { TAuthUser } from '../src/http/route.js';
import { dateInIndia } from '../src/shared/time.js';
import { CallRecorder } from '../src/telephony/recorder.js';
import { createSimulator, VirtualClock, type SimRandom, type TCitizenScriptInput } from '../src/telephony/sim/index.js';
import { TelephonyService } from '../src/telephony/telephony.service.js';
import { auth, createTestContext, type TTestContext } from './helpers.js';
import { rebuildTestDatabase, siblingDatabaseUrl } from './support/test-database.js';

const AGENTS = 10;
const CONTACTS = 2000;
/** enough households for 2,000 Mahtari Vandan enrolments after the exclusions */
const POPULATION = { households: 3600, seed: 11 };
const RECEIVED = ['received_full', 'received_partial', 'not_received'] as const;

/** what the agent records for a contact: fixed by its id, so the test knows every tally in advance; every fifth interview stops after the first question */
function answersFor(contactId: number): { questionKey: string; answer: string | boolean | number }[] {
  const received = RECEIVED[contactId % 3] ?? 'not_received';
  if (contactId % 5 === 4) return [{ questionKey: 'received', answer: received }];
  return [
    { questionKey: 'received', answer: received },
    { questionKey: 'on_time', answer: contactId % 2 === 0 },
    { questionKey: 'satisfaction', answer: 1 + (contactId % 5) },
  ];
}

/** who picks up a campaign call: a person a third of the time, voicemail, busy lines, phones that ring out */
function citizen(_to: string, random: SimRandom): TCitizenScriptInput {
  const u = random.float();
  if (u < 0.35) return { pickup: { kind: 'answer', afterSec: random.between(4, 20) }, hangupAfterSec: random.between(20, 90) };
  if (u < 0.45) return { pickup: { kind: 'machine', afterSec: random.between(10, 20) }, hangupAfterSec: 30 };
  if (u < 0.6) return { pickup: { kind: 'busy' } };
  return { pickup: { kind: 'no_answer' } };
}

/**
 * A predictive campaign over the simulator, end to end and in virtual time: the server's dialer
 * (BullMQ on Redis, the contact store on PostgreSQL, the predictive pacer), the ACD with ten agents
 * whose phones answer their offers and who record the survey's answers on the desk, and
 * simulated citizens. Time moves a second at a time while calls are up, and jumps to the next
 * redial when nothing is. It runs on a database of its own, seeded large enough for 2,000
 * contacts, so no other test's data is disturbed.
 */
describe('a predictive campaign over the simulator', () => {
  let ctx: TTestContext;
  let db: TDatabase;
  let acd: AcdService;
  let dialer: CampaignDialer;
  let telephony: TelephonyService;
  const clock = new VirtualClock(Date.now());
  const tag = `p${randomUUID().slice(0, 8)}`;
  const prefix = `predictive-e2e-${randomUUID().slice(0, 8)}`;
  const users: number[] = [];
  let queueId = 0;
  let campaignId = 0;
  let network: ReturnType<typeof createSimulator>['network'];
  let desk: TCampaignCallService;
  const agents = new Map<number, TAuthUser>();
  /** what each agent recorded, by contact: the expected aggregates */
  const recorded = new Map<number, { stratum: string; answers: ReturnType<typeof answersFor> }>();
  const recording: Promise<void>[] = [];

  beforeAll(async () => {
    const databaseUrl = siblingDatabaseUrl(inject('databaseUrl'), 'campaign_e2e');
    await rebuildTestDatabase(databaseUrl, POPULATION);
    ctx = await createTestContext({ databaseUrl });
    db = createDatabase({ url: databaseUrl, poolSize: 6 });
    const logger = createLogger('silent');
    const sim = createSimulator({ seed: 7, clock, defaultOutbound: citizen, settings: { setupMs: 1500 } });
    network = sim.network;
    telephony = new TelephonyService(sim.provider, new CallRecorder(db.pool, logger), logger);
    await telephony.start();
    await db.prisma.department.create({ data: { code: tag, nameEn: `Test ${tag}`, nameHi: 'परीक्षण', helplineTier: 'test', citizenServices: 'test' } });
    queueId = (await db.prisma.queue.create({ data: { code: `${tag}-survey`, name: 'Survey', nameHi: 'सर्वे', departmentCode: tag, priority: 0, serviceLevelSeconds: 20 } })).id;
    for (let i = 0; i < AGENTS; i += 1) {
      const row = await db.prisma.user.create({ data: { username: `${tag}-agent-${i}`, displayName: `Agent ${i}`, passwordHash: 'not-a-login', role: 'agent', languages: [], skills: [tag] } });
      users.push(row.id);
      agents.set(row.id, { id: row.id, username: row.username, role: 'agent', departmentCode: null, districtCode: null, officeId: null });
    }
    // the agents' softphones answer an offer half a second after it rings
    const phone: TAgentPhone = { ringing: (endpoint) => network.setScript(endpoint, { pickup: { kind: 'answer', afterSec: 0.5 } }), answer: async () => undefined };
    acd = new AcdService({
      telephony,
      store: new PgAcdStore(db.pool, logger),
      phone,
      logger,
      clock,
      settings: { ringTimeoutSec: 10, wrapUpSec: 5, dispositionRequired: false, presenceTimeoutSec: 30 * 86_400, boardIntervalMs: 1000 },
    });
    await acd.start();
    // the agent's desk: the call's context, then the answers as the agent records them
    desk = createCampaignCallService({
      sql: db.pool,
      audit: createAuditLog(db.pool),
      agentCall: async (userId) => ({ callId: (await acd.desk(userId)).agent.callId, displayName: agents.get(userId)?.username ?? '' }),
    });
    acd.onTaken((callId) => {
      recording.push(
        (async () => {
          for (const [userId, user] of agents) {
            if ((await acd.desk(userId)).agent.callId !== callId) continue;
            const call = await desk.get(callId, user);
            const answers = answersFor(call.contact.id);
            await desk.answer(callId, { answers }, user);
            recorded.set(call.contact.id, { stratum: call.contact.stratum, answers });
            return;
          }
          throw new Error(`no agent is on campaign call ${callId}`);
        })(),
      );
    });
    for (const id of users) {
      acd.agentConnected(id, `socket-${id}`);
      await acd.setState(id, { state: 'ready' });
    }
    dialer = createServerDialer({
      redisUrl: inject('redisUrl'),
      sql: db.pool,
      telephony,
      acd,
      logger,
      clock,
      dialer: { now: () => new Date(clock.now()), tickMs: 86_400_000, prefix },
    });
  });

  afterAll(async () => {
    // a campaign left running would be dialled by the next run's dialer
    if (campaignId) await db.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'cancelled' } });
    await dialer?.close();
    await acd?.stop();
    network?.close();
    const cleaner = new Redis(inject('redisUrl'));
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
    await db.prisma.agentStateEvent.deleteMany({ where: { userId: { in: users } } });
    await db.close();
  });

  it('runs 2,000 contacts to completion under the 3 % abandonment cap; contacts, attempts and the survey aggregates add up', async () => {
    const supervisor = await ctx.tokenFor('supervisor1');
    const survey = await db.prisma.survey.findFirstOrThrow({ where: { code: 'benefit-reached' } });
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: `Predictive e2e ${tag}`,
        // a scheme no other test samples from, so files running alongside keep their own contacts
        schemeCode: 'MVY',
        mode: 'predictive',
        queueId,
        surveyId: survey.id,
        startsOn: dateInIndia(new Date(clock.now())),
        endsOn: '2027-12-31',
        windowStart: '00:00',
        windowEnd: '23:59',
        sampling: { strata: ['district'], allocation: { method: 'proportional', total: CONTACTS }, recentContactDays: 0 },
        seed: 4242,
      });
    expect(draft.status).toBe(201);
    campaignId = draft.body.id;
    for (const action of ['schedule', 'start']) expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/${action}`).set(auth(supervisor))).status).toBe(200);
    const total = await db.prisma.campaignContact.count({ where: { campaignId } });
    expect(total).toBe(CONTACTS);

    dialer.start();
    /** contacts with calls still to make, and those of them in the air now */
    const open = async () => {
      const { rows } = await db.pool.query<{ open: number; busy: number }>(
        `SELECT count(*) FILTER (WHERE status IN ('pending', 'dialing', 'in_progress'))::int AS open,
                count(*) FILTER (WHERE status IN ('dialing', 'in_progress'))::int AS busy
           FROM campaign_contacts WHERE campaign_id = $1`,
        [campaignId],
      );
      return rows[0] ?? { open: 0, busy: 0 };
    };
    const started = Date.now();
    for (let work = await open(); work.open > 0; work = await open()) {
      if (Date.now() - started > 840_000) throw new Error('the campaign did not finish in time');
      await dialer.tick();
      // every queued dial placed before time moves
      for (let i = 0; i < 400; i += 1) {
        const jobs = await dialer.queue.getJobCounts('waiting', 'active', 'delayed');
        if ((jobs.waiting ?? 0) + (jobs.active ?? 0) + (jobs.delayed ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const live = network.liveCalls().length;
      if (live === 0 && work.busy === 0) {
        // nothing in the air: on to the next redial
        const next = await db.prisma.campaignContact.findFirst({ where: { campaignId, status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
        const at = next?.nextAttemptAt?.getTime() ?? clock.now();
        await clock.advanceTo(Math.max(clock.now() + 1000, at));
      } else {
        await clock.advance(1000);
      }
      await dialer.idle();
    }
    await Promise.all(recording);

    const attempts = await db.prisma.campaignAttempt.findMany({ where: { campaignId } });
    const answered = attempts.filter((a) => a.outcome === 'answered' || a.outcome === 'abandoned');
    const abandoned = attempts.filter((a) => a.outcome === 'abandoned');
    expect(answered.length).toBeGreaterThan(total * 0.3);
    expect(abandoned.length / answered.length).toBeLessThanOrEqual(0.03);
    expect(attempts.every((a) => a.outcome !== null)).toBe(true);

    const contacts = await db.prisma.campaignContact.findMany({ where: { campaignId } });
    const byStatus = new Map<string, number>();
    for (const c of contacts) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    expect([...byStatus.values()].reduce((a, b) => a + b, 0)).toBe(total);
    // a contact completes once, on its one answered (talked) attempt
    const completed = contacts.filter((c) => c.status === 'completed');
    expect(completed.length).toBe(answered.length - abandoned.length);
    for (const c of contacts) {
      const mine = attempts.filter((a) => a.contactId === c.id);
      expect(mine.length).toBe(c.attempts);
      expect(c.attempts).toBeLessThanOrEqual(3);
    }
    // an abandoned contact was not dialled again within 72 hours
    for (const a of abandoned) {
      const later = attempts.find((b) => b.contactId === a.contactId && b.attemptNo === a.attemptNo + 1);
      if (later) expect(later.startedAt.getTime() - (a.endedAt ?? a.startedAt).getTime()).toBeGreaterThanOrEqual(72 * 3_600_000);
    }

    // the survey as the agents recorded it, and the campaign's results as a supervisor reads them
    expect(recorded.size).toBe(completed.length);
    const results = await request(ctx.app).get(`/api/campaigns/${campaignId}/results`).set(auth(supervisor));
    expect(results.status).toBe(200);
    expect(results.body.rates.total.sampled).toBe(total);
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(nonZero(results.body.rates.total.byStatus)).toEqual(Object.fromEntries(byStatus));
    expect(results.body.rates.total.completionRate).toBeCloseTo(completed.length / total, 6);
    const perStratum = new Map<string, { sampled: number; completed: number }>();
    for (const c of contacts) {
      const s = perStratum.get(c.stratum) ?? { sampled: 0, completed: 0 };
      perStratum.set(c.stratum, s);
      s.sampled += 1;
      if (c.status === 'completed') s.completed += 1;
    }
    expect(perStratum.size).toBeGreaterThan(1);
    for (const [stratum, want] of perStratum) {
      expect(results.body.rates.strata[stratum]?.sampled, stratum).toBe(want.sampled);
      expect(results.body.rates.strata[stratum]?.byStatus.completed ?? 0, stratum).toBe(want.completed);
    }
    expect(results.body.abandonment.campaign).toMatchObject({ answered: answered.length, abandoned: abandoned.length });
    expect(results.body.abandonment.campaign.pct).toBeLessThanOrEqual(3);
    const expected = new Map<string, { total: Map<string, number>; strata: Map<string, Map<string, number>> }>();
    for (const { stratum, answers } of recorded.values()) {
      for (const { questionKey, answer } of answers) {
        const q = expected.get(questionKey) ?? { total: new Map(), strata: new Map() };
        expected.set(questionKey, q);
        q.total.set(String(answer), (q.total.get(String(answer)) ?? 0) + 1);
        const inStratum = q.strata.get(stratum) ?? new Map<string, number>();
        q.strata.set(stratum, inStratum);
        inStratum.set(String(answer), (inStratum.get(String(answer)) ?? 0) + 1);
      }
    }
    const questions = new Map<string, { total: { n: number; counts: Record<string, number> }; strata: Record<string, { n: number; counts: Record<string, number> }> }>(
      results.body.questions.map((q: { key: string }) => [q.key, q]),
    );
    for (const [key, want] of expected) {
      const got = questions.get(key);
      expect(got, key).toBeDefined();
      expect(got?.total.counts, key).toEqual(Object.fromEntries(want.total));
      expect(Object.keys(got?.strata ?? {}).sort(), key).toEqual([...want.strata.keys()].sort());
      for (const [stratum, counts] of want.strata) expect(got?.strata[stratum]?.counts, `${key} in ${stratum}`).toEqual(Object.fromEntries(counts));
    }
    // an interview that stopped after the first question is in that question's tally only
    expect(questions.get('received')?.total.n).toBe(recorded.size);
    expect(questions.get('on_time')?.total.n).toBe([...recorded.values()].filter((r) => r.answers.length > 1).length);

    console.info(`predictive e2e: ${total} contacts, ${attempts.length} attempts, ${answered.length} answered, ${abandoned.length} abandoned, ${completed.length} completed, statuses ${JSON.stringify(Object.fromEntries(byStatus))}, ${Math.round((Date.now() - started) / 1000)} s`);
  }, 900_000);
});
