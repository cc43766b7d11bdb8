import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createDatabase } from '@samvad/db';
import { attachAcdRealtime } from '../server/src/acd/acd.realtime.js';
import { AcdService } from '../server/src/acd/acd.service.js';
import { PgAcdStore } from '../server/src/acd/acd.store.js';
import { simulatedAgentPhone } from '../server/src/acd/agent-phone.js';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { createLogger } from '../server/src/logger.js';
import { createRealtime } from '../server/src/realtime/socket.js';
import { CallRecorder } from '../server/src/telephony/recorder.js';
import { createSimulator } from '../server/src/telephony/sim/index.js';
import { TelephonyService } from '../server/src/telephony/telephony.service.js';
import { percentile, ROOT, round } from './lib.js';

const AGENT = 'agent2';
/** a seeded queue: Hindi, no department; agent2 speaks Hindi */
const QUEUE = 'general-hi';
const CONSOLE_DIST = join(ROOT, 'agent-console', 'dist');

/**
 * Runs in the page before the console's own code: notes, by the machine's clock, when each
 * household card's title and each ringing banner first enter the DOM, and the next animation
 * frame after that (the frame that paints it).
 */
const OBSERVER = `
  window.__benchSeen = {};
  const note = (key) => {
    if (key in window.__benchSeen) return;
    const seen = { dom: Date.now(), frame: null };
    window.__benchSeen[key] = seen;
    requestAnimationFrame(() => { seen.frame = Date.now(); });
  };
  new MutationObserver(() => {
    for (const title of document.querySelectorAll('h2.household__title[id^="household-"]')) note('card:' + title.id);
    for (const banner of document.querySelectorAll('[data-testid="incoming-call"][data-call-id]')) note('ring:' + banner.getAttribute('data-call-id'));
  }).observe(document, { childList: true, subtree: true });
`;

const ZSeen = z.record(z.string(), z.object({ dom: z.number(), frame: z.number().nullable() }));

async function seenInPage(page: Page) {
  return ZSeen.parse(JSON.parse(await page.evaluate<string>('JSON.stringify(window.__benchSeen ?? {})')));
}

/** runs in the page: whether the thing noted under `key` has been painted */
function painted(key: string): boolean {
  const seen: unknown = Reflect.get(globalThis, '__benchSeen');
  if (typeof seen !== 'object' || seen === null) return false;
  const entry: unknown = Reflect.get(seen, key);
  return typeof entry === 'object' && entry !== null && typeof Reflect.get(entry, 'frame') === 'number';
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function buildConsoleIfMissing(log: (msg: string) => void): Promise<void> {
  if (existsSync(join(CONSOLE_DIST, 'index.html'))) return;
  log('agent-console/dist is missing: building the console');
  const child = spawn('npm', ['run', 'build', '-w', '@samvad/agent-console'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`building the console exited with ${code}`);
}

const stats = (values: readonly number[]) => ({
  samples: values.length,
  p50: round(percentile(values, 50), 1),
  p99: round(percentile(values, 99), 1),
  max: round(values.length > 0 ? Math.max(...values) : Number.NaN, 1),
});

export interface TScreenPopBrowserOptions {
  databaseUrl: string;
  redisUrl: string;
  calls?: number;
  log?: (msg: string) => void;
}

/**
 * Offer → screen-pop in a real browser. The server is built in-process as main.ts builds it (the
 * app with the built console, Socket.IO, the ACD over the simulator, every call recorded), on the
 * bench database; Debian's Chromium runs the console through playwright-core with a fresh
 * profile. The agent signs in and goes ready; residents then call one after another from their
 * own numbers. Every other call carries its household on the call row, as call control writes it
 * when the IVR recognises the caller; the rest leave the console to look the number up.
 *
 * Measured per call, on the machine's one clock: from the ACD's offer (the `queue.offered` event
 * it writes, stamped when it decides) to the caller's household card in the page (the DOM
 * insertion seen by a MutationObserver, and the animation frame that paints it). The caller
 * then hangs up while it rings, the agent is ready again, and the next citizen calls.
 */
export async function benchScreenPopBrowser(options: TScreenPopBrowserOptions) {
  const calls = options.calls ?? 100;
  const log = options.log ?? (() => undefined);
  await buildConsoleIfMissing(log);

  const config = loadConfig({
    SAMVAD_MODE: 'demo',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    TELEPHONY: 'sim',
    LOG_LEVEL: 'silent',
    CONSOLE_DIST,
  });
  const logger = createLogger('silent');
  const database = createDatabase({ url: config.database.url, poolSize: config.database.poolSize });
  const { prisma, pool } = database;
  const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();

  const { network, provider } = createSimulator({ seed: Math.floor(Math.random() * 2 ** 31) });
  const recorder = new CallRecorder(pool, logger);
  const telephony = new TelephonyService(provider, recorder, logger);
  const store = new PgAcdStore(pool, logger);
  await telephony.start();
  const acd = new AcdService({ telephony, store, phone: simulatedAgentPhone(network), logger, settings: { ...config.acd, callerId: config.telephony.helplineNumber } });
  await acd.start();
  const { app, signer, warmUp } = createApp({
    config,
    logger,
    prisma,
    sql: pool,
    acd,
    readiness: {
      database: async () => {
        await pool.query('SELECT 1');
      },
      redis: async () => {
        await redis.ping();
      },
    },
  });
  await warmUp();
  const httpServer = createServer(app);
  const io = createRealtime({ httpServer, signer, logger, corsOrigins: [] });
  attachAcdRealtime(io, acd, logger);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const userDataDir = await mkdtemp(join(tmpdir(), 'samvad-bench-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL: url,
    viewport: { width: 1440, height: 900 },
    locale: 'en-IN',
  });
  const pageErrors: string[] = [];
  try {
    await context.addInitScript({ content: OBSERVER });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    // Only the bench's agent is ready in this ACD; whoever the database left ready is not.
    const agentId = (await prisma.user.findUniqueOrThrow({ where: { username: AGENT } })).id;
    for (const other of (await acd.boardNow()).agents) {
      if (other.userId !== agentId && other.state === 'ready') await acd.setState(other.userId, { state: 'not_ready', reason: 'meeting' });
    }
    const mine = (await acd.boardNow()).agents.find((a) => a.userId === agentId);
    if (mine?.state === 'wrap_up') await acd.finishWrapUp(agentId, { disposition: 'dropped', then: { state: 'offline' } });
    else if (mine && mine.state !== 'offline') await acd.setState(agentId, { state: 'offline' });

    await page.goto('/login');
    await page.getByLabel('Username').fill(AGENT);
    await page.getByLabel('Password').fill(process.env.DEMO_PASSWORD ?? 'samvad-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/agent');
    await page.locator('[data-testid="socket-status"][data-state="connected"]').waitFor();
    await page.getByTestId('state-ready').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();

    // Residents with a number of their own (one household on it), each household once.
    const callers = (
      await pool.query<{ household_id: number; mobile: string }>(
        `SELECT DISTINCT ON (r.household_id) r.household_id, r.mobile
           FROM (SELECT * FROM residents TABLESAMPLE SYSTEM (10) WHERE mobile IS NOT NULL) r
          WHERE NOT EXISTS (SELECT 1 FROM residents o WHERE o.mobile = r.mobile AND o.household_id <> r.household_id)
          ORDER BY r.household_id, r.id LIMIT $1`,
        [calls * 3],
      )
    ).rows;
    if (callers.length < calls) throw new Error(`the bench database has only ${callers.length} residents with a number of their own; ${calls} are needed`);
    // spread over the whole table rather than its first households
    const chosen = Array.from({ length: calls }, (_, i) => callers[Math.floor((i * callers.length) / calls)]).filter((c) => c !== undefined);

    const results: { callId: string; householdId: number; source: 'ivr' | 'phone' }[] = [];
    for (const [i, caller] of chosen.entries()) {
      const source = i % 2 === 0 ? 'ivr' : 'phone';
      const callId = network.dialIn(caller.mobile, config.telephony.helplineNumber, {});
      await until(() => telephony.registry.get(callId) !== undefined, 'the incoming call');
      await telephony.provider.answer(callId);
      await until(() => telephony.registry.get(callId)?.state === 'answered', 'the answer');
      if (source === 'ivr') {
        await recorder.flush();
        await pool.query('UPDATE calls SET household_id = $2 WHERE id = $1', [callId, caller.household_id]);
      }
      await acd.enqueue({ callId, caller: caller.mobile }, { queue: QUEUE, skills: [], priority: 0 });
      await page.waitForFunction(painted, `card:household-${caller.household_id}-title`, { timeout: 10_000 });
      results.push({ callId, householdId: caller.household_id, source });
      // the caller rings off while it rings; the desk is ready for the next one
      network.remoteHangup(callId);
      await until(() => acd.agent(agentId)?.state === 'ready', 'the agent ready again');
      await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
      await page.getByTestId('incoming-call').waitFor({ state: 'detached' });
    }

    await recorder.flush();
    await store.flush();
    const offered = new Map(
      (
        await pool.query<{ call_id: string; at: Date }>(`SELECT call_id, min(at) AS at FROM call_events WHERE type = 'queue.offered' AND call_id = ANY($1::uuid[]) GROUP BY call_id`, [
          results.map((r) => r.callId),
        ])
      ).rows.map((row) => [row.call_id, row.at.getTime()]),
    );
    const seen = await seenInPage(page);
    const measured = results.flatMap((r) => {
      const offer = offered.get(r.callId);
      const card = seen[`card:household-${r.householdId}-title`];
      const ring = seen[`ring:${r.callId}`];
      if (offer === undefined || !card || card.frame === null) return [];
      return [{ ...r, card: card.frame - offer, cardDom: card.dom - offer, ring: ring ? ring.dom - offer : null }];
    });
    const card = measured.map((m) => m.card);
    const households = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM households')).rows[0]?.n ?? 0);
    return {
      households,
      calls,
      popped: measured.length,
      offersRecorded: offered.size,
      offerToCardMs: stats(card),
      /** the first call pays for cold caches (plans, JIT, the console's first fetches) */
      firstCallMs: measured[0]?.card ?? null,
      offerToCardInDomMs: stats(measured.map((m) => m.cardDom)),
      offerToRingingBannerMs: stats(measured.flatMap((m) => (m.ring === null ? [] : [m.ring]))),
      bySource: {
        /** the household on the call row, as the IVR leaves it: the card is fetched by id */
        ivr: stats(measured.filter((m) => m.source === 'ivr').map((m) => m.card)),
        /** no household on the call: the console looks the caller's number up first */
        phone: stats(measured.filter((m) => m.source === 'phone').map((m) => m.card)),
      },
      pageErrors,
      goals: { offerToCardP99Ms: 300 },
      meetsGoal: measured.length === calls && percentile(card, 99) < 300,
    };
  } finally {
    await acd.setState((await prisma.user.findUniqueOrThrow({ where: { username: AGENT } })).id, { state: 'offline' }).catch(() => undefined);
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
    await acd.stop();
    // io.close() also closes the HTTP server
    await io.close();
    network.close();
    await telephony.stop();
    await recorder.flush();
    await store.flush();
    await database.close();
    redis.disconnect();
  }
}
