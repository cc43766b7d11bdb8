import { hash } from '@node-rs/argon2';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { launchChromium, openPage, RESULTS, screenshot, type TWatchedPage } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

const QUEUE = 'general-hi';
const PASSWORD = 'campaign-preview-test';

/**
 * Preview mode in Chromium against the real server, dialer claim and ACD over the simulator:
 * the agent opens the next contact of a running preview campaign, reads the household and the
 * script, dials; the person who answers comes straight to this agent, who asks the survey and
 * concludes the contact. Another contact is skipped and comes round later.
 */
describe('a preview campaign at the agent desk in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let agent: TWatchedPage;
  let agentId: number;
  let username: string;
  let campaignId: number;
  let headers: Record<string, string>;

  beforeAll(async () => {
    server = await startConsoleServer();
    username = `preview-agent-${Math.random().toString(36).slice(2, 8)}`;
    agentId = (await server.prisma.user.create({ data: { username, displayName: 'Preview Agent', passwordHash: await hash(PASSWORD), role: 'agent', languages: ['hi', 'en'] } })).id;
    for (const other of (await server.acd.boardNow()).agents) {
      if (other.userId !== agentId && other.state === 'ready') await server.acd.setState(other.userId, { state: 'not_ready', reason: 'meeting' });
    }
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor1', password: 'samvad-demo' }) });
    headers = { 'content-type': 'application/json', authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    const survey = await server.prisma.survey.findFirstOrThrow({ where: { code: 'benefit-reached', version: 1 } });
    const queue = await server.prisma.queue.findFirstOrThrow({ where: { code: QUEUE } });
    const created = await fetch(`${server.url}/api/campaigns`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: `Pension preview ${Math.random().toString(36).slice(2, 6)}`,
        schemeCode: 'PDS',
        mode: 'preview',
        queueId: queue.id,
        surveyId: survey.id,
        startsOn: new Date().toISOString().slice(0, 10),
        endsOn: '2027-12-31',
        windowStart: '00:00',
        windowEnd: '23:59',
        sampling: { strata: [], allocation: { method: 'fixed', perStratum: 2 }, recentContactDays: 0 },
        seed: Math.floor(Math.random() * 1e6),
      }),
    });
    expect(created.status).toBe(201);
    campaignId = ((await created.json()) as { id: number }).id;
    for (const action of ['schedule', 'start']) expect((await fetch(`${server.url}/api/campaigns/${campaignId}/${action}`, { method: 'POST', headers })).status).toBe(200);

    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-IN' });
    agent = await openPage(context, server.url);
    agent.page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    if (campaignId) await fetch(`${server.url}/api/campaigns/${campaignId}/cancel`, { method: 'POST', headers }).catch(() => undefined);
    await server?.acd.setState(agentId, { state: 'offline' }).catch(() => undefined);
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it("opens the next contact: the household and the script, before any call", async () => {
    const { page } = agent;
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/agent');
    await page.getByTestId('state-ready').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();

    const row = page.locator(`[data-testid="preview-campaign"][data-campaign-id="${campaignId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('contacts due: 2');
    await row.getByTestId('preview-next').click();
    await page.getByTestId('campaign-script').waitFor();
    await page.getByTestId('household-head').waitFor();
    const opening = (await page.getByTestId('campaign-opening').textContent()) ?? '';
    expect(opening).toContain('Preview Agent');
    // nothing to answer before the call
    expect(await page.getByTestId('question-received').count()).toBe(0);
    expect(await page.getByTestId('campaign-questions').locator('li').count()).toBe(5);
    await screenshot(page, 'preview-01-contact-open', RESULTS, false);
  });

  it('the preview has no serious or critical accessibility violations', async () => {
    expect(await seriousViolations(agent.page)).toEqual([]);
  });

  it('dials: the person who answers comes straight to this agent, who concludes the contact', async () => {
    const { page } = agent;
    const open = await server.prisma.campaignContact.findFirstOrThrow({
      where: { campaignId, events: { none: {} }, status: 'pending' },
      orderBy: { id: 'asc' },
    });
    // whichever contact is open, its phone answers at once as a person
    for (const c of await server.prisma.campaignContact.findMany({ where: { campaignId } })) server.network.scriptNext(c.phone, { pickup: { kind: 'answer', afterSec: 0.2 } });
    await page.getByTestId('preview-dial').click();
    const panel = page.getByTestId('call-panel');
    await panel.waitFor();
    await page.locator('[data-testid="desk-state"][data-state="on_call"]').waitFor();
    const callId = (await panel.getAttribute('data-call-id')) ?? '';
    const attempt = await server.prisma.campaignAttempt.findFirstOrThrow({ where: { callId } });
    expect(attempt.agentId).toBe(agentId);
    const contact = await server.prisma.campaignContact.findUniqueOrThrow({ where: { id: attempt.contactId } });
    expect(contact.campaignId).toBe(campaignId);
    expect(open.id).toBe(contact.id);
    expect(server.network.leg(callId).state).toBe('answered');

    await page.getByTestId('q-received-received_full').check();
    await page.getByTestId('q-received-saved').waitFor();
    await screenshot(page, 'preview-02-on-call', RESULTS, false);
    await page.getByTestId('hang-up').click();
    await page.getByTestId('campaign-outcomes').waitFor();
    await page.getByLabel('Information given').check();
    await page.getByLabel('Completed: every question asked').check();
    await page.getByTestId('finish-wrap-up').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
    await expect.poll(async () => (await server.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } })).status).toBe('completed');
  });

  it('skips the next contact: it comes round again later, and nobody else is due now', async () => {
    const { page } = agent;
    const row = page.locator(`[data-testid="preview-campaign"][data-campaign-id="${campaignId}"]`);
    await row.waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('contacts due: 1');
    await row.getByTestId('preview-next').click();
    await page.getByTestId('preview-skip').waitFor();
    const before = Date.now();
    await page.getByTestId('preview-skip').click();
    await row.waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('contacts due: 0');
    const skipped = await server.prisma.campaignContact.findFirstOrThrow({ where: { campaignId, status: 'pending' } });
    expect(skipped.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 29 * 60_000);
    expect(await server.prisma.campaignContactEvent.count({ where: { contactId: skipped.id, type: 'agent.skipped' } })).toBe(1);
    expect(await row.getByTestId('preview-next').isDisabled()).toBe(true);
  });

  it('raised no errors in the page', () => {
    expect(agent.errors).toEqual([]);
  });
});
