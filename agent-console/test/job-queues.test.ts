import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, type TDatabase } from '@samvad/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { DIAL_QUEUE } from '../../server/src/modules/campaigns/dialer/dialer.js';
import { createRealtime, type TRealtimeServer } from '../../server/src/realtime/socket.js';
import { createUser } from '../../server/test/helpers.js';
import { seriousViolations } from './axe.js';
import { launchChromium, openPage, screenshot } from './chromium.js';

/**
 * The header's link to the job board (Bull Board at /admin/queues), against the real server with
 * the campaign dial queue on the board, as main.ts wires it: administrators only, and it must get
 * through the board's cookie although the console keeps its access token in memory.
 */
describe('job queues link in Chromium', () => {
  let database: TDatabase;
  let connection: Redis;
  let queue: Queue;
  let httpServer: Server;
  let io: TRealtimeServer;
  let url = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const accounts: Record<'admin' | 'supervisor' | 'agent', { username: string; password: string }> = {} as never;

  beforeAll(async () => {
    const config = loadConfig({ SAMVAD_MODE: 'demo', NODE_ENV: 'test', DATABASE_URL: inject('databaseUrl'), REDIS_URL: inject('redisUrl'), LOG_LEVEL: 'silent', CONSOLE_DIST: inject('consoleDist') });
    const logger = createLogger('silent');
    database = createDatabase({ url: config.database.url, poolSize: 3 });
    connection = new Redis(config.redis.url, { maxRetriesPerRequest: null });
    // a prefix of its own, so the board shows this file's queue and nobody else's jobs
    queue = new Queue(DIAL_QUEUE, { connection, prefix: `jobq-${randomUUID().slice(0, 8)}` });
    await queue.add('dial', { contactId: 1, attemptNo: 1 }, { delay: 3_600_000 });
    const { app, signer } = createApp({
      config,
      logger,
      prisma: database.prisma,
      sql: database.pool,
      adminQueues: [queue],
      readiness: { database: async () => undefined, redis: async () => undefined },
    });
    httpServer = createServer(app);
    io = createRealtime({ httpServer, signer, logger, corsOrigins: [] });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    for (const role of ['admin', 'supervisor', 'agent'] as const) accounts[role] = await createUser(database.prisma, role);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await io?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    connection?.disconnect();
    await database?.close();
  });

  async function signedIn(role: keyof typeof accounts) {
    const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 }, locale: 'en-IN' });
    contexts.push(context);
    const watched = await openPage(context, url);
    const { page } = watched;
    page.setDefaultTimeout(15_000);
    await page.goto('/login');
    await page.getByLabel('Username').fill(accounts[role].username);
    await page.getByLabel('Password').fill(accounts[role].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    // the header's pages are drawn: a missing link below is not a page still loading
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').first().waitFor();
    return { context, ...watched };
  }

  it('takes an administrator from the header to the board, which lists the dial queue', async () => {
    const { context, page, errors, outside } = await signedIn('admin');
    const link = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Job queues (opens in a new tab)' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/admin/queues/');
    await screenshot(page, 'job-queues-header', undefined, false);
    expect(await seriousViolations(page)).toEqual([]);
    expect(outside).toEqual([]);

    const opened = context.waitForEvent('page');
    await link.click();
    const board = await opened;
    const boardErrors: string[] = [];
    board.on('console', (message) => {
      if (message.type() === 'error') boardErrors.push(message.text());
    });
    await board.waitForURL(`${url}/admin/queues/`);
    await board.getByText(DIAL_QUEUE, { exact: true }).first().waitFor();
    await board.getByText(/^Loading/).waitFor({ state: 'detached' });
    expect(await board.title()).toBe('Samvad queues');
    // the new tab cannot reach back into the console
    expect(await board.evaluate(() => window.opener)).toBeNull();
    await screenshot(board, 'job-queues-board');
    // the console stays signed in behind it
    expect(await page.getByTestId('current-user').textContent()).toContain(accounts.admin.username);

    await page.getByTestId('language-toggle').click();
    await page.getByRole('navigation', { name: 'पृष्ठ' }).getByRole('link', { name: 'जॉब कतारें (नए टैब में खुलता है)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await board.close();

    // When the session cannot be opened, the blank tab closes again and the header says so.
    await page.getByTestId('language-toggle').click();
    await page.route('**/api/admin/queues/session', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'down' } }) }));
    const tabs = context.pages().length;
    await link.click();
    await page.getByRole('alert').filter({ hasText: 'The job queues could not be opened. Try again.' }).waitFor();
    await expect.poll(() => context.pages().length).toBe(tabs);
    await page.unroute('**/api/admin/queues/session');

    // Bull Board's page links Google's web fonts; the server's policy for the board stops that request, so nothing left the server
    expect(outside).toEqual([]);
    // the only thing the board's policy refused is that font stylesheet
    expect(boardErrors.filter((e) => !e.includes('fonts.googleapis.com'))).toEqual([]);
  });

  it('shows supervisors and agents no link, and the board refuses them', async () => {
    for (const role of ['supervisor', 'agent'] as const) {
      const { page } = await signedIn(role);
      const nav = page.getByRole('navigation', { name: 'Pages' });
      expect(await nav.getByRole('link').count(), role).toBeGreaterThan(0);
      expect(await nav.getByRole('link', { name: /Job queues/ }).count(), role).toBe(0);
      expect(await page.getByText('Job queues').count(), role).toBe(0);
      const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('samvad.session') ?? '{}') as { accessToken?: string }).accessToken ?? '');
      expect(token, role).not.toBe('');
      const refused = await page.request.post('/api/admin/queues/session', { headers: { authorization: `Bearer ${token}` } });
      expect(refused.status(), role).toBe(403);
      expect((await page.request.get('/admin/queues/')).status(), role).toBe(401);
    }
  });
});
