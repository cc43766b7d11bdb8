import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, RESULTS, screenshot } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

/**
 * The supervisor's Campaigns panel against the real server: a running campaign's figures arrive
 * over Socket.IO and change on the page as the rows change, and its CSV downloads.
 */
describe('campaigns panel in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let campaignId: number;
  let contacts: number[];

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 1100 }, locale: 'en-IN', acceptDownloads: true });
    page = (await openPage(context, server.url)).page;
    page.setDefaultTimeout(15_000);

    const { prisma } = server;
    const creator = await prisma.user.findUniqueOrThrow({ where: { username: 'supervisor1' } });
    const queue = await prisma.queue.findFirstOrThrow({ where: { code: 'general-hi' } });
    const campaign = await prisma.campaign.create({
      data: {
        name: `Pension check ${Date.now()}`,
        status: 'running',
        // preview: no dialer of another test file places calls for it
        mode: 'preview',
        queueId: queue.id,
        callerId: '+911600112233',
        startsOn: new Date('2026-12-01T00:00:00Z'),
        endsOn: new Date('2027-12-31T00:00:00Z'),
        retryPolicy: {},
        sampling: { strata: ['district'], allocation: { method: 'fixed', perStratum: 10 }, recentContactDays: 0 },
        seed: 1,
        abandonCapPct: 3,
        createdById: creator.id,
      },
    });
    campaignId = campaign.id;
    const residents = await prisma.resident.findMany({ where: { mobile: { not: null } }, take: 10, distinct: ['householdId'], orderBy: { id: 'asc' } });
    await prisma.campaignContact.createMany({
      data: residents.map((r) => ({ campaignId, residentId: r.id, householdId: r.householdId, stratum: 'district=all', phone: r.mobile ?? '' })),
    });
    contacts = (await prisma.campaignContact.findMany({ where: { campaignId }, orderBy: { id: 'asc' } })).map((c) => c.id);
    expect(contacts).toHaveLength(10);
  });

  afterAll(async () => {
    await server.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'cancelled' } });
    await context.close();
    await browser.close();
    await server.close();
  });

  it('shows progress, calls in the air and abandonment live, and downloads the CSV', async () => {
    await page.goto('/login');
    await page.getByLabel('Username').fill('supervisor1');
    await page.getByLabel('Password').fill('samvad-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.getByTestId(`campaign-${campaignId}`);
    await expect.poll(() => row.getByTestId('campaign-progress-text').textContent(), { timeout: 10_000 }).toBe('0 of 10 done · 0 completed · 0 dialled');

    const { prisma } = server;
    const [c1, c2, c3, c4] = contacts as [number, number, number, number];
    await prisma.campaignContact.updateMany({ where: { id: { in: [c1, c2, c3] } }, data: { status: 'completed', attempts: 1 } });
    await prisma.campaignContact.update({ where: { id: c4 }, data: { status: 'dialing', attempts: 1 } });
    const now = new Date();
    for (const [contactId, outcome] of [
      [c1, 'answered'],
      [c2, 'answered'],
      [c3, 'answered'],
      [c4, 'abandoned'],
    ] as const) {
      await prisma.campaignAttempt.create({ data: { campaignId, contactId, attemptNo: 1, startedAt: now, outcome } });
    }
    await expect.poll(() => row.getByTestId('campaign-progress-text').textContent(), { timeout: 10_000 }).toBe('3 of 10 done · 3 completed · 4 dialled');
    expect(await row.locator('progress').getAttribute('value')).toBe('3');
    expect(await row.getByTestId('campaign-abandon').textContent()).toContain('25% — over the cap');
    expect(await row.locator('td.num').first().textContent()).toBe('1');
    await screenshot(page, 'supervisor-campaigns', RESULTS);

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`campaign-${campaignId}-results.csv`);
  });
});
