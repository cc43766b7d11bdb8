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
import { dateInIndia } from '../src/shared/time.js';
import { CallRecorder } from '../src/telephony/recorder.js';
import { createSimulator, VirtualClock, type SimRandom, type TCitizenScriptInput } from '../src/telephony/sim/index.js';
import { TelephonyService } from '../src/telephony/telephony.service.js';
import { auth, createTestContext, type TTestContext } from './helpers.js';

const AGENTS = 10;

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
 * (BullMQ on Redis, the contact store on PostgreSQL, the predictive pacer), the ACD with agents
 * whose phones answer their offers, and simulated citizens. Time moves a second at a time while
 * calls are up, and jumps to the next redial when nothing is.
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

  beforeAll(async () => {
    ctx = await createTestContext();
    db = createDatabase({ url: inject('databaseUrl'), poolSize: 6 });
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
      // only this file's campaign: other test files' campaigns run in the same database
      dialer: { now: () => new Date(clock.now()), tickMs: 86_400_000, prefix, campaigns: (id) => id === campaignId },
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

  it('runs to completion under the 3 % abandonment cap, and the contacts and attempts add up', async () => {
    const supervisor = await ctx.tokenFor('supervisor1');
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: `Predictive e2e ${tag}`,
        // a scheme no other test samples from, so files running alongside keep their own contacts
        schemeCode: 'MVY',
        mode: 'predictive',
        queueId,
        startsOn: dateInIndia(new Date(clock.now())),
        endsOn: '2027-12-31',
        windowStart: '00:00',
        windowEnd: '23:59',
        sampling: { strata: [], allocation: { method: 'fixed', perStratum: 2000 }, recentContactDays: 0 },
        seed: 4242,
      });
    expect(draft.status).toBe(201);
    campaignId = draft.body.id;
    for (const action of ['schedule', 'start']) expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/${action}`).set(auth(supervisor))).status).toBe(200);
    const total = await db.prisma.campaignContact.count({ where: { campaignId } });
    expect(total).toBeGreaterThan(150);

    dialer.start();
    const open = async () => db.prisma.campaignContact.count({ where: { campaignId, status: { in: ['pending', 'dialing', 'in_progress'] } } });
    const started = Date.now();
    for (let step = 0; (await open()) > 0; step += 1) {
      if (Date.now() - started > 240_000) throw new Error('the campaign did not finish in time');
      await dialer.tick();
      // every queued dial placed before time moves
      for (let i = 0; i < 400; i += 1) {
        const jobs = await dialer.queue.getJobCounts('waiting', 'active', 'delayed');
        if ((jobs.waiting ?? 0) + (jobs.active ?? 0) + (jobs.delayed ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const live = network.liveCalls().length;
      const inProgress = await db.prisma.campaignContact.count({ where: { campaignId, status: { in: ['dialing', 'in_progress'] } } });
      if (live === 0 && inProgress === 0) {
        // nothing in the air: on to the next redial
        const next = await db.prisma.campaignContact.findFirst({ where: { campaignId, status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
        const at = next?.nextAttemptAt?.getTime() ?? clock.now();
        await clock.advanceTo(Math.max(clock.now() + 1000, at));
      } else {
        await clock.advance(1000);
      }
      await dialer.idle();
    }

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
    console.info(`predictive e2e: ${total} contacts, ${attempts.length} attempts, ${answered.length} answered, ${abandoned.length} abandoned, ${completed.length} completed, statuses ${JSON.stringify(Object.fromEntries(byStatus))}, ${Math.round((Date.now() - started) / 1000)} s`);
  }, 300_000);
});
