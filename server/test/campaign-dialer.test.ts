import { randomUUID } from 'node:crypto';
import { createDatabase, type TDatabase } from '@samvad/db';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createContactStore } from '../src/modules/campaigns/dialer/contact-store.js';
import { CampaignDialer, type TDialerOptions } from '../src/modules/campaigns/dialer/dialer.js';
import { CampaignPacing, type TAgentFloor } from '../src/modules/campaigns/dialer/pacing.js';
import type { TAcdClock } from '../src/acd/clock.js';
import { dateInIndia } from '../src/shared/time.js';
import type { TOriginateRequest, TTelephonyEvent } from '../src/telephony/port.js';
import { auth, createTestContext, type TTestContext } from './helpers.js';

/**
 * The dialer against real PostgreSQL and Redis (BullMQ). The provider is a recorder of
 * originations: these tests are about who is dialled and when, not about the call itself.
 */
describe('the campaign dialer', () => {
  let ctx: TTestContext;
  let db: TDatabase;
  let supervisor: string;
  let queueId: number;
  const redis: Redis[] = [];
  let hungUp: string[] = [];
  let connected: string[] = [];
  const dialers: CampaignDialer[] = [];
  // BullMQ keys of this file, one queue per test so no test sees another's jobs
  const base = `dialer-test-${randomUUID().slice(0, 8)}`;
  let prefix = base;

  beforeAll(async () => {
    ctx = await createTestContext();
    db = createDatabase({ url: inject('databaseUrl'), poolSize: 4 });
    supervisor = await ctx.tokenFor('supervisor1');
    queueId = (await ctx.prisma.queue.findFirstOrThrow({ where: { code: 'general-hi' } })).id;
  });

  beforeEach(() => {
    hungUp = [];
    connected = [];
    prefix = `${base}-${randomUUID().slice(0, 4)}`;
  });

  const created: number[] = [];
  afterEach(async () => {
    for (const d of dialers.splice(0)) await d.close().catch(() => undefined);
    // a test's campaigns stop with it, so the next test's dialer finds only its own
    for (const id of created.splice(0)) await request(ctx.app).post(`/api/campaigns/${id}/cancel`).set(auth(supervisor));
  });

  afterAll(async () => {
    const cleaner = new Redis(inject('redisUrl'));
    const keys = await cleaner.keys(`${base}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
    for (const r of redis) r.disconnect();
    await db.close();
  });

  /** a running campaign whose calling window is the whole day, today in India */
  async function runningCampaign(total: number, seed: number, mode: 'progressive' | 'predictive' = 'progressive'): Promise<{ id: number; contacts: number[] }> {
    const today = dateInIndia(new Date());
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: `Dialer test ${seed}`,
        schemeCode: 'PDS',
        mode,
        queueId,
        startsOn: today,
        endsOn: '2027-12-31',
        windowStart: '00:00',
        windowEnd: '23:59',
        sampling: { strata: [], allocation: { method: 'fixed', perStratum: total }, recentContactDays: 0 },
        seed,
      });
    expect(draft.status).toBe(201);
    created.push(draft.body.id);
    for (const action of ['schedule', 'start']) expect((await request(ctx.app).post(`/api/campaigns/${draft.body.id}/${action}`).set(auth(supervisor))).status).toBe(200);
    const contacts = await ctx.prisma.campaignContact.findMany({ where: { campaignId: draft.body.id }, orderBy: { id: 'asc' }, select: { id: true } });
    expect(contacts.length).toBe(total);
    return { id: draft.body.id, contacts: contacts.map((c) => c.id) };
  }

  function dialer(originate: (r: TOriginateRequest) => Promise<void>, clock: { now: Date }, overrides: Partial<TDialerOptions> = {}): CampaignDialer {
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    redis.push(connection);
    const d = new CampaignDialer({
      connection,
      prefix,
      store: createContactStore(db.pool),
      originate,
      hangup: async (callId) => void hungUp.push(callId),
      connect: async (call) => void connected.push(call.callId),
      capacity: async () => 1000,
      logger: createLogger('silent'),
      // only this file's campaigns: other test files' campaigns run in the same database
      campaigns: (id) => created.includes(id),
      now: () => clock.now,
      tickMs: 60_000,
      ringTimeoutSec: 30,
      ...overrides,
    });
    dialers.push(d);
    return d;
  }

  async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const statuses = async (campaignId: number) =>
    (await ctx.prisma.campaignContact.findMany({ where: { campaignId }, orderBy: { id: 'asc' } })).map((c) => ({ id: c.id, status: c.status, attempts: c.attempts, next: c.nextAttemptAt, last: c.lastOutcome }));

  it('two workers, each ticking twice at once, dial every contact exactly once', async () => {
    const campaign = await runningCampaign(30, 101);
    const dialled: string[] = [];
    const clock = { now: new Date() };
    const record = async (r: TOriginateRequest) => {
      dialled.push(r.to);
    };
    const a = dialer(record, clock);
    const b = dialer(record, clock);
    a.start();
    b.start();
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    // a contact is claimed (`dialing`) a moment before its call reaches the provider
    await until(async () => dialled.length >= 30 && (await statuses(campaign.id)).every((c) => c.status === 'dialing'), 'every contact to be dialled');
    const phones = await ctx.prisma.campaignContact.findMany({ where: { campaignId: campaign.id }, select: { phone: true } });
    expect(dialled.filter((to) => phones.some((p) => p.phone === to)).length).toBe(30);
    expect(new Set(dialled).size).toBe(dialled.length);
    expect(await ctx.prisma.campaignAttempt.count({ where: { campaignId: campaign.id } })).toBe(30);
    // a third beat finds nothing due: every contact is in the air
    await a.tick();
    expect(dialled.length).toBe(30);
  });

  it('applies the retry rules to what each attempt found, and stops after the last attempt', async () => {
    const campaign = await runningCampaign(3, 102);
    const calls: TOriginateRequest[] = [];
    const clock = { now: new Date() };
    const d = dialer(async (r) => void calls.push(r), clock);
    d.start();
    await d.tick();
    await until(() => calls.length === 3, 'three calls');
    const [busy, noAnswer, answered] = campaign.contacts;
    const byContact = new Map<number, string>();
    for (const call of calls) {
      const contact = await ctx.prisma.campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id, phone: call.to } });
      byContact.set(contact.id, call.callId);
    }
    const event = (callId: string, e: Partial<TTelephonyEvent> & { type: TTelephonyEvent['type'] }) => ({ callId, at: clock.now.toISOString(), ...e }) as TTelephonyEvent;
    d.handle(event(byContact.get(busy!)!, { type: 'call.failed', reason: 'busy', q850: 17 }));
    d.handle(event(byContact.get(noAnswer!)!, { type: 'call.failed', reason: 'no_answer', q850: 19 }));
    d.handle(event(byContact.get(answered!)!, { type: 'call.answered' }));
    d.handle(event(byContact.get(answered!)!, { type: 'call.machine', result: 'human' }));
    // a repeated or late event changes nothing
    d.handle(event(byContact.get(answered!)!, { type: 'call.failed', reason: 'busy', q850: 17 }));
    await until(async () => (await statuses(campaign.id)).every((c) => c.status !== 'dialing'), 'the results');
    const after = await statuses(campaign.id);
    const t0 = clock.now.getTime();
    expect(after.find((c) => c.id === busy)).toMatchObject({ status: 'pending', last: 'busy' });
    expect(after.find((c) => c.id === busy)?.next?.getTime()).toBe(t0 + 30 * 60_000);
    expect(after.find((c) => c.id === noAnswer)?.next?.getTime()).toBe(t0 + 120 * 60_000);
    expect(after.find((c) => c.id === answered)).toMatchObject({ status: 'in_progress', last: 'answered' });
    expect(connected).toEqual([byContact.get(answered!)]);

    // 29 minutes on, nothing is due; at 30 the busy number is tried again
    clock.now = new Date(t0 + 29 * 60_000);
    await d.tick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls.length).toBe(3);
    for (const attempt of [2, 3]) {
      clock.now = new Date(clock.now.getTime() + 31 * 60_000);
      const before = calls.length;
      await d.tick();
      await until(() => calls.length > before, `attempt ${attempt}`);
      const last = calls.at(-1)!;
      expect(byContact.get(busy!)).not.toBe(last.callId);
      d.handle(event(last.callId, { type: 'call.failed', reason: 'busy', q850: 17 }));
      await until(async () => (await statuses(campaign.id)).find((c) => c.id === busy)?.attempts === attempt && (await statuses(campaign.id)).find((c) => c.id === busy)?.status !== 'dialing', `attempt ${attempt}'s result`);
    }
    const exhausted = (await statuses(campaign.id)).find((c) => c.id === busy);
    expect(exhausted).toMatchObject({ attempts: 3, next: null });
    expect(exhausted?.status).not.toBe('pending');
  });

  it('a worker killed between the claim and the call loses no contact and double-dials none', async () => {
    const campaign = await runningCampaign(1, 103);
    const clock = { now: new Date() };
    let reachedProvider = 0;
    // the first worker dies inside the dial: its originate never returns
    const doomed = dialer(
      () => {
        reachedProvider += 1;
        return new Promise(() => undefined);
      },
      clock,
      { lockDurationMs: 1000 },
    );
    doomed.start();
    await doomed.tick();
    await until(() => reachedProvider === 1, 'the doomed dial');
    await doomed.worker?.close(true);

    const calls: TOriginateRequest[] = [];
    const survivor = dialer(async (r) => void calls.push(r), clock, { lockDurationMs: 1000 });
    survivor.start();
    // the stalled job comes back to the survivor, which finds the attempt already claimed
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(calls).toEqual([]);
    expect((await statuses(campaign.id))[0]).toMatchObject({ status: 'dialing', attempts: 1 });

    // once the attempt is overdue it counts as failed, and the contact is dialled again
    clock.now = new Date(clock.now.getTime() + 2 * 60_000);
    await survivor.tick();
    const failed = await ctx.prisma.campaignAttempt.findFirstOrThrow({ where: { campaignId: campaign.id, attemptNo: 1 } });
    expect(failed.outcome).toBe('failed');
    const contact = (await statuses(campaign.id))[0];
    expect(contact?.status).toBe('pending');
    clock.now = contact?.next ?? clock.now;
    await survivor.tick();
    await until(() => calls.length === 1, 'the second attempt');
    expect(await ctx.prisma.campaignAttempt.count({ where: { campaignId: campaign.id } })).toBe(2);
  });

  it('sweeps the lost calls of running and paused campaigns only, and only each contact\'s current attempt', async () => {
    const campaign = await runningCampaign(3, 107);
    const [ringing, talking, done] = campaign.contacts;
    const now = new Date();
    const ago = (sec: number) => new Date(now.getTime() - sec * 1000);
    const attempt = (contactId: number | undefined, attemptNo: number, data: { startedAt: Date; endedAt?: Date; outcome?: string }) =>
      ctx.prisma.campaignAttempt.create({ data: { campaignId: campaign.id, contactId: contactId ?? 0, attemptNo, ...data } });
    // a call placed 3 minutes ago that never reported back, after an earlier unanswered one
    await attempt(ringing, 1, { startedAt: ago(3 * 3600), endedAt: ago(3 * 3600), outcome: 'no_answer' });
    const lostDial = await attempt(ringing, 2, { startedAt: ago(180) });
    await ctx.prisma.campaignContact.update({ where: { id: ringing }, data: { status: 'dialing', attempts: 2 } });
    // a conversation answered 3 hours ago and never concluded
    const lostTalk = await attempt(talking, 1, { startedAt: ago(3 * 3600), endedAt: ago(3 * 3600 - 20), outcome: 'answered' });
    await ctx.prisma.campaignContact.update({ where: { id: talking }, data: { status: 'in_progress', attempts: 1 } });
    // concluded long ago: not lost
    await attempt(done, 1, { startedAt: ago(3 * 3600), endedAt: ago(3 * 3600 - 20), outcome: 'answered' });
    await ctx.prisma.campaignContact.update({ where: { id: done }, data: { status: 'completed', attempts: 1 } });

    const store = createContactStore(db.pool);
    const ours = (rows: { attemptId: number; campaignId: number }[]) => rows.filter((r) => r.campaignId === campaign.id).map((r) => r.attemptId);
    const sweep = async () => ({ dials: ours(await store.lostAttempts(ago(90))), talks: ours(await store.lostConversations(ago(7200))) });
    expect(await sweep()).toEqual({ dials: [lostDial.id], talks: [lostTalk.id] });
    // pausing stops new dials, not the calls already in the air
    expect((await request(ctx.app).post(`/api/campaigns/${campaign.id}/pause`).set(auth(supervisor))).status).toBe(200);
    expect(await sweep()).toEqual({ dials: [lostDial.id], talks: [lostTalk.id] });
    // younger than the limits: not lost yet
    expect({ dials: ours(await store.lostAttempts(ago(240))), talks: ours(await store.lostConversations(ago(4 * 3600))) }).toEqual({ dials: [], talks: [] });
    // a cancelled campaign's contacts are no longer swept
    expect((await request(ctx.app).post(`/api/campaigns/${campaign.id}/cancel`).set(auth(supervisor))).status).toBe(200);
    expect(await sweep()).toEqual({ dials: [], talks: [] });
  });

  it('hangs up on answering machines, completes a conversation, and counts a citizen no agent took as abandoned, with no redial for 72 hours', async () => {
    const campaign = await runningCampaign(3, 105);
    const calls: TOriginateRequest[] = [];
    const clock = { now: new Date() };
    const d = dialer(async (r) => void calls.push(r), clock);
    d.start();
    await d.tick();
    await until(() => calls.length === 3, 'three calls');
    const [machine, talked, waited] = calls.map((c) => c.callId);
    const event = (callId: string | undefined, e: object) => d.handle({ callId, at: clock.now.toISOString(), ...e } as TTelephonyEvent);
    for (const id of [machine, talked, waited]) event(id, { type: 'call.answered' });
    event(machine, { type: 'call.machine', result: 'machine' });
    event(talked, { type: 'call.machine', result: 'human' });
    event(waited, { type: 'call.machine', result: 'human' });
    await until(() => connected.length === 2, 'two people handed to the agents');
    expect(hungUp).toEqual([machine]);
    event(talked, { type: 'call.bridged', bridgeId: 'b1', withCallId: 'agent-leg' });
    event(talked, { type: 'call.hangup', cause: 'normal', q850: 16, by: 'remote' });
    event(waited, { type: 'call.hangup', cause: 'normal', q850: 16, by: 'remote' });
    const contactOf = async (callId: string | undefined) => {
      const phone = calls.find((c) => c.callId === callId)?.to;
      return ctx.prisma.campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id, phone } });
    };
    await until(async () => (await contactOf(waited)).status === 'pending' && (await contactOf(talked)).status === 'completed', 'the conversations to end');
    expect(await contactOf(machine)).toMatchObject({ status: 'pending', lastOutcome: 'machine' });
    const abandoned = await contactOf(waited);
    expect(abandoned.lastOutcome).toBe('abandoned');
    expect(abandoned.lastAbandonAt?.getTime()).toBe(clock.now.getTime());
    expect(abandoned.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(clock.now.getTime() + 72 * 3_600_000);
  });

  it('a paused campaign dials nobody, even from jobs queued before the pause', async () => {
    const campaign = await runningCampaign(5, 104);
    const calls: TOriginateRequest[] = [];
    const clock = { now: new Date() };
    const d = dialer(async (r) => void calls.push(r), clock);
    await d.tick();
    expect(await d.queue.getJobCounts('waiting')).toMatchObject({ waiting: 5 });
    expect((await request(ctx.app).post(`/api/campaigns/${campaign.id}/pause`).set(auth(supervisor))).status).toBe(200);
    d.start();
    await until(async () => (await d.queue.getJobCounts('waiting', 'active')).waiting === 0, 'the queued jobs to be taken');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toEqual([]);
    expect((await statuses(campaign.id)).every((c) => c.status === 'pending' && c.attempts === 0)).toBe(true);
  });

  /** timers that fire only when the test moves time on */
  function manualClock(start: Date): TAcdClock & { advance(ms: number): void; date(): Date } {
    let now = start.getTime();
    const timers = new Set<{ due: number; callback: () => void }>();
    return {
      now: () => now,
      date: () => new Date(now),
      setTimeout(callback, ms) {
        const timer = { due: now + ms, callback };
        timers.add(timer);
        return { cancel: () => timers.delete(timer) };
      },
      advance(ms) {
        now += ms;
        for (const timer of [...timers].sort((a, b) => a.due - b.due)) {
          if (timer.due > now) continue;
          timers.delete(timer);
          timer.callback();
        }
      },
    };
  }

  it('abandons an answered call no agent is offered within 2 seconds: apology, hang-up, abandoned, no redial for 72 hours', async () => {
    const campaign = await runningCampaign(2, 106);
    const calls: TOriginateRequest[] = [];
    const time = manualClock(new Date());
    const clock = {
      get now() {
        return time.date();
      },
    };
    const waiting = new Set<string>();
    const apologised: string[] = [];
    const d = dialer(async (r) => void calls.push(r), clock, {
      clock: time,
      waitingForAgent: (callId) => waiting.has(callId),
      abandonCall: async (callId) => void apologised.push(callId),
    });
    d.start();
    await d.tick();
    await until(() => calls.length === 2, 'two calls');
    const [lonely, served] = calls.map((c) => c.callId);
    const event = (callId: string | undefined, e: object) => d.handle({ callId, at: time.date().toISOString(), ...e } as TTelephonyEvent);
    for (const id of [lonely, served]) {
      event(id, { type: 'call.answered' });
      event(id, { type: 'call.machine', result: 'human' });
      waiting.add(id!);
    }
    await until(() => connected.length === 2, 'both handed to the queue');
    // one agent takes the second call at 1.5 s; nobody is free for the first
    time.advance(1500);
    event(served, { type: 'call.bridged', bridgeId: 'b1', withCallId: 'agent-leg' });
    waiting.delete(served!);
    time.advance(400);
    expect(apologised).toEqual([]);
    time.advance(100);
    expect(apologised).toEqual([lonely]);
    time.advance(5000);
    expect(apologised).toEqual([lonely]);
    event(lonely, { type: 'call.hangup', cause: 'normal', q850: 16, by: 'local' });
    event(served, { type: 'call.hangup', cause: 'normal', q850: 16, by: 'remote' });
    await d.idle();
    const contactOf = (callId: string | undefined) => ctx.prisma.campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id, phone: calls.find((c) => c.callId === callId)?.to } });
    const abandoned = await contactOf(lonely);
    expect(abandoned).toMatchObject({ status: 'pending', lastOutcome: 'abandoned' });
    expect(abandoned.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(time.now() + 72 * 3_600_000 - 1000);
    expect(await contactOf(served)).toMatchObject({ status: 'completed' });
    const attempt = await ctx.prisma.campaignAttempt.findFirstOrThrow({ where: { contactId: abandoned.id } });
    expect(attempt.outcome).toBe('abandoned');
  });

  it('paces a predictive campaign from the floor: more lines than ready agents, progressive once the abandonment cap is reached, inputs and decision logged', async () => {
    const campaign = await runningCampaign(40, 107, 'predictive');
    const calls: TOriginateRequest[] = [];
    const clock = { now: new Date() };
    const lines: { msg: string; campaignId?: number; dialNow?: number; inputs?: { readyAgents: number; abandonment: { today: { answered: number } } } }[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const floor: TAgentFloor = { readyAgents: 5, talkingAgents: 0, wrapUpRemainingSec: [], callsWaiting: 0 };
    const pacing = new CampaignPacing({ store: createContactStore(db.pool), floor: async () => ({ ...floor }), logger });
    const d = dialer(async (r) => void calls.push(r), clock, { pacing, logger });
    d.start();
    await d.tick();
    const decision = lines.find((l) => l.msg === 'predictive pacing' && l.campaignId === campaign.id);
    expect(decision?.inputs?.readyAgents).toBe(5);
    const first = decision?.dialNow ?? 0;
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThanOrEqual(15);
    await until(() => calls.length === first, `${first} calls`);

    // every call fails; then abandonment over the campaign reaches the cap (1 of 20 answered > 3 %)
    const event = (callId: string, e: object) => d.handle({ callId, at: clock.now.toISOString(), ...e } as TTelephonyEvent);
    for (const call of calls) event(call.callId, { type: 'call.failed', reason: 'busy', q850: 17 });
    await d.idle();
    const contacts = campaign.contacts.slice(20, 40);
    await ctx.prisma.campaignAttempt.createMany({
      data: contacts.map((contactId, i) => ({ campaignId: campaign.id, contactId, attemptNo: 90, startedAt: clock.now, endedAt: clock.now, outcome: i === 0 ? 'abandoned' : 'answered' })),
    });
    floor.readyAgents = 3;
    lines.length = 0;
    await d.tick();
    const capped = lines.find((l) => l.msg === 'predictive pacing' && l.campaignId === campaign.id);
    expect(capped?.dialNow).toBe(3);
    expect(capped?.inputs?.abandonment.today.answered).toBe(20);
    await until(() => calls.length === first + 3, 'three more calls');
  });
});
