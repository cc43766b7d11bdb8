import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dateInIndia } from '../../src/shared/time.js';
import { until } from '../acd/rig.js';
import { auth, createTestContext, type TTestContext } from '../helpers.js';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const CONTACTS = 60;

interface TChildLine {
  type: 'started' | 'dial' | 'ended' | 'closed';
  callId?: string;
  to?: string;
  pid: number;
  at: number;
}

/** a dialing worker in a process of its own (dialer-child.ts), and what it has said so far */
class WorkerProcess {
  readonly lines: TChildLine[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'test/campaigns/dialer-child.ts'], {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        if (line.startsWith('{')) this.lines.push(JSON.parse(line) as TChildLine);
      }
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  dials(): TChildLine[] {
    return this.lines.filter((l) => l.type === 'dial');
  }

  /** calls this process placed and never saw end */
  unfinished(): TChildLine[] {
    const ended = new Set(this.lines.filter((l) => l.type === 'ended').map((l) => l.callId));
    return this.dials().filter((d) => !ended.has(d.callId));
  }

  said(type: TChildLine['type']): boolean {
    return this.lines.some((l) => l.type === type);
  }

  errors(): string {
    return this.stderr;
  }
}

/**
 * Two dialing workers, each a real process on the same PostgreSQL and Redis, share a campaign.
 * One is killed with SIGKILL mid-campaign and a new one is started in its place; the others are
 * stopped with SIGTERM at the end. The campaign's contacts tell whether anyone was lost or dialled
 * twice: with the retry rules, a failed call is not retried before the next day's window, so
 * today every contact is dialled exactly once.
 */
describe('dialing workers in processes of their own', () => {
  let ctx: TTestContext;
  const workers: WorkerProcess[] = [];
  const prefix = `dialer-kill-${randomUUID().slice(0, 8)}`;
  let campaignId = 0;
  let supervisor = '';

  beforeAll(async () => {
    ctx = await createTestContext();
    supervisor = await ctx.tokenFor('supervisor1');
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    if (campaignId) await request(ctx.app).post(`/api/campaigns/${campaignId}/cancel`).set(auth(supervisor));
    const cleaner = new Redis(inject('redisUrl'));
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length > 0) await cleaner.del(...keys);
    cleaner.disconnect();
  });

  const worker = () => {
    const w = new WorkerProcess({
      CHILD_DATABASE_URL: inject('databaseUrl'),
      CHILD_REDIS_URL: inject('redisUrl'),
      CHILD_PREFIX: prefix,
      CHILD_CAMPAIGN_ID: String(campaignId),
      CHILD_LINES: '4',
      CHILD_LOST_SEC: '3',
    });
    workers.push(w);
    return w;
  };

  const contacts = () => ctx.prisma.campaignContact.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });

  it('a worker killed mid-campaign loses no contact and dials none twice, its replacement carries on, and SIGTERM closes a worker cleanly', async () => {
    const queueId = (await ctx.prisma.queue.findFirstOrThrow({ where: { code: 'general-hi' } })).id;
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: `Worker kill ${prefix}`,
        schemeCode: 'PDS',
        mode: 'progressive',
        queueId,
        startsOn: dateInIndia(new Date()),
        endsOn: '2027-12-31',
        windowStart: '00:00',
        windowEnd: '23:59',
        sampling: { strata: [], allocation: { method: 'fixed', perStratum: CONTACTS }, recentContactDays: 0 },
        seed: 31,
      });
    expect(draft.status).toBe(201);
    campaignId = draft.body.id;
    for (const action of ['schedule', 'start']) expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/${action}`).set(auth(supervisor))).status).toBe(200);
    expect((await contacts()).length).toBe(CONTACTS);

    const doomed = worker();
    const steady = worker();
    await until(() => doomed.said('started') && steady.said('started'), 'both workers to start', 30_000);

    // killed while calls it placed are still up, some way into the campaign
    await until(async () => {
      const done = (await contacts()).filter((c) => c.status === 'completed').length;
      return done >= CONTACTS / 4 && doomed.unfinished().length > 0;
    }, 'a quarter of the campaign, with the doomed worker mid-call', 30_000);
    doomed.child.kill('SIGKILL');
    expect((await doomed.exited).signal).toBe('SIGKILL');
    const lost = doomed.unfinished();
    expect(lost.length).toBeGreaterThan(0);
    const replacement = worker();

    // every contact is concluded today, or waits for tomorrow's window after a call that was lost
    const settled = await until(async () => {
      const rows = await contacts();
      const open = rows.filter((c) => c.status === 'dialing' || c.status === 'in_progress' || (c.status === 'pending' && (c.nextAttemptAt === null || c.nextAttemptAt.getTime() <= Date.now())));
      return open.length === 0 ? rows : undefined;
    }, 'every contact to be concluded or rescheduled', 30_000);

    const dials = workers.flatMap((w) => w.dials());
    const attempts = await ctx.prisma.campaignAttempt.findMany({ where: { campaignId } });
    // no contact dialled twice: one attempt each, and no number called by two processes or twice by one
    const dialsByPhone = new Map<string, number>();
    for (const d of dials) dialsByPhone.set(d.to ?? '', (dialsByPhone.get(d.to ?? '') ?? 0) + 1);
    expect([...dialsByPhone.values()].every((n) => n === 1)).toBe(true);
    expect(attempts.length).toBe(CONTACTS);
    expect(settled.every((c) => c.attempts === 1)).toBe(true);
    // none left out: every contact but those whose attempt the killed worker had claimed and not yet placed was called
    const retried = settled.filter((c) => c.status === 'pending');
    const neverCalled = settled.filter((c) => !dialsByPhone.has(c.phone));
    expect(neverCalled.every((c) => retried.includes(c))).toBe(true);
    // the calls the killed worker had up, or had claimed, were found lost, failed, and go round again tomorrow
    expect(new Set(retried.map((c) => c.phone))).toEqual(new Set([...lost.map((d) => d.to), ...neverCalled.map((c) => c.phone)]));
    expect(retried.every((c) => c.lastOutcome === 'failed' && (c.nextAttemptAt?.getTime() ?? 0) > Date.now())).toBe(true);
    expect(settled.filter((c) => c.status === 'completed').length).toBe(CONTACTS - retried.length);
    // both surviving workers took part after the kill
    expect(replacement.dials().length + steady.dials().filter((d) => d.at > (doomed.lines.at(-1)?.at ?? 0)).length).toBeGreaterThan(0);

    // SIGTERM: each closes its worker, lets its calls end, and exits cleanly
    for (const w of [steady, replacement]) w.child.kill('SIGTERM');
    for (const w of [steady, replacement]) {
      expect(await w.exited, w.errors()).toEqual({ code: 0, signal: null });
      expect(w.said('closed')).toBe(true);
      expect(w.unfinished()).toEqual([]);
    }
  }, 120_000);
});
