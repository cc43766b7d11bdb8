import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createDatabase, type TDatabase } from '@samvad/db';
import { FlowRegistry, start, step, type TFlow } from '@samvad/ivr-flows';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AcdService } from '../src/acd/acd.service.js';
import { PgAcdStore } from '../src/acd/acd.store.js';
import type { TAgentPhone } from '../src/acd/agent-phone.js';
import { createCallControl } from '../src/callcontrol/create-call-control.js';
import type { CallControl } from '../src/callcontrol/call-control.js';
import { createLogger } from '../src/logger.js';
import type { CampaignDialer } from '../src/modules/campaigns/dialer/dialer.js';
import { createServerDialer } from '../src/modules/campaigns/dialer/wiring.js';
import { dateInIndia } from '../src/shared/time.js';
import { CallRecorder } from '../src/telephony/recorder.js';
import { createSimulator, VirtualClock, type TCitizenScriptInput } from '../src/telephony/sim/index.js';
import { TelephonyService } from '../src/telephony/telephony.service.js';
import { SETTINGS } from './callcontrol/rig.js';
import { auth, createTestContext, type TTestContext } from './helpers.js';

const CONTACTS = 60;
const IVR_LINES = 4;
const MAX_ATTEMPTS = 3;
/** a scheme no other test samples from, with enough enrolments in the test seed */
const SCHEME = 'MGNREGA';

/**
 * What a citizen does when the campaign calls, fixed by the phone number: answers every
 * question; answers some and hangs up, then answers every one when called again; is an answering
 * machine the first time and a person the next; is always an answering machine; never picks up.
 */
type TKind = 'full' | 'partial' | 'machine_then_full' | 'machine' | 'never';

interface TCitizen {
  kind: TKind;
  /** the keys for the survey's questions, in order */
  keys: string[];
  /** how many questions the citizen answers on the first call before hanging up (all of them unless partial) */
  answers: number;
  /** calls the simulator has placed to this phone */
  calls: number;
}

function hashOf(phone: string): number {
  return createHash('sha1').update(phone).digest().readUInt32BE(0);
}

function citizenFor(phone: string, questions: number): TCitizen {
  const h = hashOf(phone);
  const u = h % 20;
  const kind: TKind = u < 8 ? 'full' : u < 12 ? 'partial' : u < 14 ? 'machine_then_full' : u < 16 ? 'machine' : 'never';
  // received (3 options), on time, asked for money, satisfaction (1-5): each from its own bits of the hash
  const keys = [String(1 + ((h >>> 5) % 3)), String(1 + ((h >>> 8) % 2)), String(1 + ((h >>> 9) % 2)), String(1 + ((h >>> 10) % 5))].slice(0, questions);
  return { kind, keys, answers: kind === 'partial' ? 1 + ((h >>> 12) % (questions - 1)) : questions, calls: 0 };
}

/**
 * An agentless (IVR) campaign over the simulator, end to end and in virtual time, wired as
 * main.ts wires it: the server's dialer (BullMQ on Redis, the contact store on PostgreSQL) with
 * call control running the survey flow on every call a person answers, and no agent at all.
 * Simulated citizens press keys chosen by their phone number, so the test knows every answer
 * and every tally in advance.
 */
describe('an agentless (IVR) campaign over the simulator', () => {
  let ctx: TTestContext;
  let db: TDatabase;
  let acd: AcdService;
  let dialer: CampaignDialer;
  let telephony: TelephonyService;
  let callControl: CallControl<TFlow> | null = null;
  const flows = new FlowRegistry(fileURLToPath(new URL('../../ivr-flows/flows/', import.meta.url)));
  const clock = new VirtualClock(Date.now());
  const prefix = `ivr-e2e-${randomUUID().slice(0, 8)}`;
  let campaignId = 0;
  let network: ReturnType<typeof createSimulator>['network'];
  /** the citizens by phone; filled once the sample is drawn */
  const citizens = new Map<string, TCitizen>();
  let questionCount = 0;
  /** calls in the air (placed, not ended), survey calls running (a person answered, not ended), and the most of each at once */
  const inAir = new Set<string>();
  const surveying = new Set<string>();
  let maxInAir = 0;
  let maxSurveying = 0;
  /** answers collected per call, to hang a partial citizen up after their last one */
  const digitsOf = new Map<string, number>();

  beforeAll(async () => {
    const databaseUrl = inject('databaseUrl');
    ctx = await createTestContext({ databaseUrl });
    db = createDatabase({ url: databaseUrl, poolSize: 6 });
    await flows.loadAll();
    const logger = createLogger('silent');
    const citizen = (to: string): TCitizenScriptInput => {
      const who = citizens.get(to);
      if (!who) return { pickup: { kind: 'no_answer' } };
      who.calls += 1;
      if (who.kind === 'never') return { pickup: { kind: 'no_answer' } };
      if (who.kind === 'machine' || (who.kind === 'machine_then_full' && who.calls === 1)) return { pickup: { kind: 'machine', afterSec: 8 }, hangupAfterSec: 40 };
      return {
        pickup: { kind: 'answer', afterSec: 4 },
        presses: who.keys.slice(0, who.calls === 1 ? who.answers : who.keys.length).map((keys) => ({ keys, from: 'collect' as const, afterSec: 1 })),
      };
    };
    const sim = createSimulator({ seed: 12, clock, defaultOutbound: citizen, settings: { setupMs: 1500 } });
    network = sim.network;
    const now = () => new Date(clock.now());
    telephony = new TelephonyService(sim.provider, new CallRecorder(db.pool, logger), logger, now);
    telephony.onEvent((event) => {
      const id = event.callId;
      if (event.type === 'call.ringing') inAir.add(id);
      if (event.type === 'call.machine' && event.result !== 'machine') surveying.add(id);
      if (event.type === 'call.hangup' || event.type === 'call.failed') {
        inAir.delete(id);
        surveying.delete(id);
      }
      maxInAir = Math.max(maxInAir, inAir.size, network.liveCalls().length);
      maxSurveying = Math.max(maxSurveying, surveying.size);
      if (event.type === 'call.digits') {
        const n = (digitsOf.get(id) ?? 0) + 1;
        digitsOf.set(id, n);
        const who = citizens.get(network.leg(id).info.to);
        // a citizen who stops part-way (the first time) hangs up a second into the next question
        if (who?.kind === 'partial' && who.calls === 1 && n === who.answers) {
          clock.setTimeout(() => {
            if (network.leg(id).state !== 'ended') network.remoteHangup(id);
          }, 1000);
        }
      }
    });
    const phone: TAgentPhone = { ringing: () => undefined, answer: async () => undefined };
    acd = new AcdService({
      telephony,
      store: new PgAcdStore(db.pool, logger),
      phone,
      logger,
      clock,
      settings: { ringTimeoutSec: 10, wrapUpSec: 5, dispositionRequired: false, presenceTimeoutSec: 30 * 86_400, boardIntervalMs: 1000 },
    });
    await acd.start();
    dialer = createServerDialer({
      redisUrl: inject('redisUrl'),
      sql: db.pool,
      telephony,
      acd,
      logger,
      clock,
      // call control is created after the dialer, as in main.ts
      surveys: () => callControl,
      ivrLines: IVR_LINES,
      dialer: { now, tickMs: 86_400_000, prefix, campaigns: (id) => id === campaignId },
    });
    callControl = createCallControl<TFlow>({ telephony, prisma: db.prisma, sql: db.pool, engine: { start, step }, flows, queues: acd, logger, settings: SETTINGS, now }).control;
    callControl.start();
    await telephony.start();
  });

  afterAll(async () => {
    // a campaign left running would be dialled by the next run's dialer
    if (campaignId) await db.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'cancelled' } });
    await dialer?.close();
    await callControl?.stop();
    await acd?.stop();
    await telephony?.stop();
    network?.close();
    await flows.close();
    const cleaner = new Redis(inject('redisUrl'));
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
    await db?.close();
  });

  /** the process has nothing left to do at this virtual instant: no dial job queued, no query running */
  async function quiet(): Promise<void> {
    for (let calm = 0, i = 0; calm < 3 && i < 2000; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const jobs = await dialer.queue.getJobCounts('waiting', 'active', 'delayed');
      const busy = (jobs.waiting ?? 0) + (jobs.active ?? 0) + (jobs.delayed ?? 0) + (db.pool.totalCount - db.pool.idleCount) + db.pool.waitingCount;
      calm = busy === 0 ? calm + 1 : 0;
    }
  }

  it('surveys every contact a person answers, with no agent, within its lines; answers, tallies and rates add up', async () => {
    const supervisor = await ctx.tokenFor('supervisor1');
    const survey = await db.prisma.survey.findFirstOrThrow({ where: { code: 'benefit-reached' } });
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: `IVR e2e ${prefix}`,
        schemeCode: SCHEME,
        mode: 'ivr',
        surveyId: survey.id,
        startsOn: dateInIndia(new Date(clock.now())),
        endsOn: '2027-12-31',
        windowStart: '00:00',
        windowEnd: '23:59',
        maxAttempts: MAX_ATTEMPTS,
        retryPolicy: { machineMinutes: 30, noAnswerMinutes: 30 },
        sampling: { strata: ['district'], allocation: { method: 'proportional', total: CONTACTS }, recentContactDays: 0 },
        seed: 1212,
      });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    campaignId = draft.body.id;

    // the questions the IVR asks, as the stored survey defines them
    const definition = survey.definition as { questions: { key: string; type: string; options?: Record<string, string> }[] };
    const asked = definition.questions.filter((q) => q.type !== 'text');
    expect(asked.map((q) => q.key)).toEqual(['received', 'on_time', 'asked_money', 'satisfaction']);
    questionCount = asked.length;
    const valueOf = (q: (typeof asked)[number], key: string): string | number | boolean => {
      if (q.type === 'single') return q.options?.[key] ?? `no option ${key}`;
      if (q.type === 'yesno') return key === '1';
      return Number(key);
    };

    // the sample is drawn when the campaign is scheduled; the dialer has not started yet
    for (const action of ['schedule', 'start']) expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/${action}`).set(auth(supervisor))).status).toBe(200);
    const contacts0 = await db.prisma.campaignContact.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });
    expect(contacts0.length).toBe(CONTACTS);
    // one citizen per phone: the record is kept by phone
    expect(new Set(contacts0.map((c) => c.phone)).size).toBe(CONTACTS);
    for (const c of contacts0) citizens.set(c.phone, citizenFor(c.phone, questionCount));
    const kinds = new Map<TKind, number>();
    for (const who of citizens.values()) kinds.set(who.kind, (kinds.get(who.kind) ?? 0) + 1);
    // every behaviour is there, so no check below is vacuous
    for (const kind of ['full', 'partial', 'machine_then_full', 'machine', 'never'] as const) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);


    dialer.start();
    const open = async () => db.prisma.campaignContact.count({ where: { campaignId, status: { in: ['pending', 'dialing', 'in_progress'] } } });
    const started = Date.now();
    const virtualStart = clock.now();
    while ((await open()) > 0) {
      if (Date.now() - started > 50_000) throw new Error('the campaign did not finish in time');
      await dialer.tick();
      await quiet();
      maxInAir = Math.max(maxInAir, network.liveCalls().length);
      if (network.liveCalls().length === 0 && (await db.prisma.campaignContact.count({ where: { campaignId, status: { in: ['dialing', 'in_progress'] } } })) === 0) {
        // nothing in the air: on to the next redial
        const next = await db.prisma.campaignContact.findFirst({ where: { campaignId, status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
        await clock.advanceTo(Math.max(clock.now() + 1000, next?.nextAttemptAt?.getTime() ?? clock.now()));
      } else {
        await clock.advance(1000);
      }
      await quiet();
    }
    await dialer.idle();
    const wallSec = Math.round((Date.now() - started) / 1000);

    // never more calls in the air than the campaign's lines, and the lines were used
    expect(maxInAir, `most surveys at once: ${maxSurveying}`).toBeLessThanOrEqual(IVR_LINES);
    expect(maxSurveying).toBeLessThanOrEqual(IVR_LINES);
    expect(maxInAir).toBe(IVR_LINES);

    const contacts = await db.prisma.campaignContact.findMany({ where: { campaignId } });
    const attempts = await db.prisma.campaignAttempt.findMany({ where: { campaignId }, orderBy: [{ contactId: 'asc' }, { attemptNo: 'asc' }] });
    const responses = await db.prisma.surveyResponse.findMany({ where: { campaignId } });
    expect(attempts.every((a) => a.outcome !== null)).toBe(true);
    expect(attempts.every((a) => a.agentId === null)).toBe(true);

    // each contact ended as its citizen's behaviour says, after the attempts the retry rules allow
    // an interview cut short is called again after the partial delay, and completed then
    const expectedStatus: Record<TKind, string> = { full: 'completed', partial: 'completed', machine_then_full: 'completed', machine: 'unreachable', never: 'unreachable' };
    const expectedOutcomes: Record<TKind, string[]> = {
      full: ['answered'],
      partial: ['answered', 'answered'],
      machine_then_full: ['machine', 'answered'],
      machine: Array<string>(MAX_ATTEMPTS).fill('machine'),
      never: Array<string>(MAX_ATTEMPTS).fill('no_answer'),
    };
    for (const c of contacts) {
      const who = citizens.get(c.phone);
      if (!who) throw new Error(`no citizen for contact ${c.id}`);
      const mine = attempts.filter((a) => a.contactId === c.id);
      expect(c.status, `contact ${c.id} (${who.kind})`).toBe(expectedStatus[who.kind]);
      expect(
        mine.map((a) => a.outcome),
        `contact ${c.id} (${who.kind})`,
      ).toEqual(expectedOutcomes[who.kind]);
      expect(c.attempts).toBe(mine.length);
      expect(who.calls).toBe(mine.length);
      // the stored answers are what the citizen pressed on each answered call, through the question's options
      const answeredCalls = mine.filter((a) => a.outcome === 'answered').map((a) => a.callId);
      const stored = responses.filter((r) => r.contactId === c.id);
      const byQuestion = (rows: typeof stored) =>
        rows.sort((a, b) => asked.findIndex((q) => q.key === a.questionKey) - asked.findIndex((q) => q.key === b.questionKey)).map((r) => [r.questionKey, r.answer]);
      const pressed = (count: number) => asked.slice(0, count).map((q, i) => [q.key, valueOf(q, who.keys[i] ?? '')]);
      const want = answeredCalls.map((_, call) => pressed(who.kind === 'partial' && call === 0 ? who.answers : asked.length));
      expect(
        answeredCalls.map((callId) => byQuestion(stored.filter((r) => r.callId === callId))),
        `contact ${c.id} (${who.kind})`,
      ).toEqual(want);
      expect(stored.length).toBe(want.flat().length);
      expect(stored.every((r) => r.surveyId === survey.id && r.residentId === c.residentId)).toBe(true);
    }

    // the results as a supervisor reads them
    const results = await request(ctx.app).get(`/api/campaigns/${campaignId}/results`).set(auth(supervisor));
    expect(results.status).toBe(200);
    const byStatus = new Map<string, number>();
    for (const c of contacts) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    const total = results.body.rates.total;
    expect(total.sampled).toBe(CONTACTS);
    expect(nonZero(total.byStatus)).toEqual(Object.fromEntries(byStatus));
    const completed = byStatus.get('completed') ?? 0;
    const contacted = completed + (byStatus.get('partial') ?? 0);
    expect(completed).toBe((kinds.get('full') ?? 0) + (kinds.get('partial') ?? 0) + (kinds.get('machine_then_full') ?? 0));
    expect(total.contacted).toBe(contacted);
    expect(total.completionRate).toBeCloseTo(completed / CONTACTS, 9);
    expect(total.contactRate).toBeCloseTo(contacted / CONTACTS, 9);
    expect(total.cooperationRate).toBeCloseTo(completed / contacted, 9);

    // per question, in total and per district: the tallies of what the citizens pressed
    const strata = new Map(contacts.map((c) => [c.phone, c.stratum]));
    expect(new Set(strata.values()).size).toBeGreaterThan(1);
    for (const [stratum, rates] of Object.entries(results.body.rates.strata as Record<string, { sampled: number; byStatus: Record<string, number> }>)) {
      const inStratum = contacts.filter((c) => c.stratum === stratum);
      expect(rates.sampled, stratum).toBe(inStratum.length);
      expect(rates.byStatus.completed ?? 0, stratum).toBe(inStratum.filter((c) => c.status === 'completed').length);
    }
    const questions = new Map<string, { total: { n: number; counts: Record<string, number> }; strata: Record<string, { n: number; counts: Record<string, number> }> }>(
      results.body.questions.map((q: { key: string }) => [q.key, q]),
    );
    asked.forEach((q, i) => {
      const want = { total: {} as Record<string, number>, strata: {} as Record<string, Record<string, number>> };
      let n = 0;
      for (const [phone, who] of citizens) {
        if (who.kind === 'machine' || who.kind === 'never') continue;
        const value = String(valueOf(q, who.keys[i] ?? ''));
        const stratum = strata.get(phone) ?? '';
        n += 1;
        want.total[value] = (want.total[value] ?? 0) + 1;
        want.strata[stratum] ??= {};
        const s = want.strata[stratum];
        s[value] = (s[value] ?? 0) + 1;
      }
      const got = questions.get(q.key);
      expect(got, q.key).toBeDefined();
      expect(got?.total.n, q.key).toBe(n);
      expect(got?.total.counts, q.key).toEqual(want.total);
      expect(Object.keys(got?.strata ?? {}).sort(), q.key).toEqual(Object.keys(want.strata).sort());
      for (const [stratum, counts] of Object.entries(want.strata)) expect(got?.strata[stratum]?.counts, `${q.key} in ${stratum}`).toEqual(counts);
    });
    // the interviews cut short and completed on the redial count once, with their latest answers
    expect(questions.get('satisfaction')?.total.n).toBe(questions.get('received')?.total.n);
    expect(questions.get('received')?.total.n).toBe(completed);

    // the FLOIP export: one row per answer given, in the package's vocabulary (yes/no as words)
    const floip = await request(ctx.app).get(`/api/campaigns/${campaignId}/results/floip`).query({ part: 'data' }).set(auth(supervisor));
    expect(floip.status).toBe(200);
    const rows = JSON.parse(floip.text) as [string, string, string, string, string, string | number | null, Record<string, string>][];
    const phoneOf = new Map(contacts.map((c) => [String(c.id), c.phone]));
    const wantRows: string[] = [];
    for (const c of contacts) {
      const who = citizens.get(c.phone);
      if (!who || who.kind === 'machine' || who.kind === 'never') continue;
      asked.forEach((q, i) => {
        const value = valueOf(q, who.keys[i] ?? '');
        wantRows.push(`${c.id} ${q.key} ${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value} ${c.stratum}`);
      });
    }
    expect(rows.map(([, , contact, , question, response, meta]) => `${contact} ${question} ${response} ${meta.stratum}`).sort()).toEqual(wantRows.sort());
    expect(rows.every(([, , contact]) => phoneOf.has(contact))).toBe(true);

    console.info(
      `ivr e2e: ${CONTACTS} contacts, ${attempts.length} attempts, statuses ${JSON.stringify(Object.fromEntries(byStatus))}, behaviours ${JSON.stringify(Object.fromEntries(kinds))}, most calls in the air ${maxInAir}, most surveys at once ${maxSurveying} (lines ${IVR_LINES}), ${Math.round((clock.now() - virtualStart) / 60_000)} virtual min, ${wallSec} s`,
    );
  }, 60_000);
});
