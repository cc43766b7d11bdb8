import { hash } from '@node-rs/argon2';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { launchChromium, openPage, RESULTS, screenshot, type TWatchedPage } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

const QUEUE = 'general-hi';
const PASSWORD = 'campaign-desk-test';

async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/**
 * An outbound campaign call at the agent desk, in Chromium against the real server: the person
 * the campaign called rings the agent with the campaign's script (filled with their name and
 * village) above their household; the agent asks the survey, each answer stored as it is
 * given; wrap-up will not end without the campaign's outcome, which lands on the contact.
 */
describe('a campaign call at the agent desk in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let agent: TWatchedPage;
  let agentId: number;
  let username: string;
  let contact: { id: number; campaignId: number; phone: string; residentId: number; householdId: number };
  let resident: { nameEn: string; village: string };
  let callId: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    username = `campaign-agent-${Math.random().toString(36).slice(2, 8)}`;
    const user = await server.prisma.user.create({
      data: { username, displayName: 'Campaign Agent', passwordHash: await hash(PASSWORD), role: 'agent', languages: ['hi', 'en'] },
    });
    agentId = user.id;
    // only this test's agent takes calls in this ACD
    for (const other of (await server.acd.boardNow()).agents) {
      if (other.userId !== agentId && other.state === 'ready') await server.acd.setState(other.userId, { state: 'not_ready', reason: 'meeting' });
    }

    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor1', password: 'samvad-demo' }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
    const survey = await server.prisma.survey.findFirstOrThrow({ where: { code: 'benefit-reached', version: 1 } });
    const queue = await server.prisma.queue.findFirstOrThrow({ where: { code: QUEUE } });
    const created = await fetch(`${server.url}/api/campaigns`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'PDS feedback, Raipur',
        schemeCode: 'PDS',
        mode: 'progressive',
        queueId: queue.id,
        surveyId: survey.id,
        startsOn: new Date().toISOString().slice(0, 10),
        endsOn: '2027-12-31',
        sampling: { strata: [], allocation: { method: 'fixed', perStratum: 1 }, recentContactDays: 0 },
        seed: Math.floor(Math.random() * 1e6),
      }),
    });
    expect(created.status).toBe(201);
    const campaign = (await created.json()) as { id: number };
    // scheduled, not running: no dialer of another test picks its contact up; this test dials
    expect((await fetch(`${server.url}/api/campaigns/${campaign.id}/schedule`, { method: 'POST', headers })).status).toBe(200);
    const row = await server.prisma.campaignContact.findFirstOrThrow({ where: { campaignId: campaign.id } });
    contact = { id: row.id, campaignId: campaign.id, phone: row.phone, residentId: row.residentId, householdId: row.householdId };
    const r = await server.prisma.resident.findUniqueOrThrow({ where: { id: row.residentId }, include: { household: true } });
    resident = { nameEn: r.nameEn, village: r.household.village };

    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-IN' });
    agent = await openPage(context, server.url);
    agent.page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await server?.acd.setState(agentId, { state: 'offline' }).catch(() => undefined);
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('rings the agent with the campaign script filled with the resident, above their household', async () => {
    const { page } = agent;
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/agent');
    await page.getByTestId('state-ready').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();

    callId = await server.callOut(contact, QUEUE);
    await page.getByTestId('incoming-call').waitFor();
    const script = page.getByTestId('campaign-script');
    await script.waitFor();
    expect(await script.getByRole('heading').textContent()).toContain('PDS feedback, Raipur');
    expect(await textOf(page, 'campaign-resident')).toContain(resident.nameEn);
    const opening = await textOf(page, 'campaign-opening');
    expect(opening).toContain(resident.nameEn);
    expect(opening).toContain(resident.village);
    expect(opening).toContain('Campaign Agent');
    expect(opening).not.toMatch(/\{\{|\}\}/);
    expect(await page.getByTestId('campaign-questions').locator('li').count()).toBe(5);
    // the household the campaign called, not a guess from the number
    await page.getByTestId('household-head').waitFor();
    expect(await page.getByTestId('screen-pop-source').getAttribute('data-source')).toBe('ivr');
    await screenshot(page, 'campaign-01-ringing-script', RESULTS, false);
  });

  it('the ringing campaign desk has no serious or critical accessibility violations', async () => {
    expect(await seriousViolations(agent.page)).toEqual([]);
  });

  it('accepts the call and stores every answer the moment it is given', async () => {
    const { page } = agent;
    await page.getByTestId('accept-call').click();
    await page.getByTestId('call-panel').waitFor();
    await page.getByTestId('q-received-received_partial').check();
    await page.getByTestId('q-received-saved').waitFor();
    await page.getByTestId('q-on_time-no').check();
    await page.getByTestId('q-on_time-saved').waitFor();
    await page.getByTestId('q-asked_money-yes').check();
    await page.getByTestId('q-satisfaction-2').check();
    await page.getByTestId('q-satisfaction-saved').waitFor();
    await page.getByTestId('q-comments').fill('Dealer gave 20 kg instead of 35 kg');
    await page.getByTestId('q-comments').blur();
    await page.getByTestId('q-comments-saved').waitFor();
    await page.getByTestId('q-asked_money-saved').waitFor();
    const rows = await server.prisma.surveyResponse.findMany({ where: { callId }, orderBy: { questionKey: 'asc' } });
    expect(Object.fromEntries(rows.map((r) => [r.questionKey, r.answer]))).toEqual({
      received: 'received_partial',
      on_time: false,
      asked_money: true,
      satisfaction: 2,
      comments: 'Dealer gave 20 kg instead of 35 kg',
    });
    expect(rows.every((r) => r.contactId === contact.id && r.campaignId === contact.campaignId && r.residentId === contact.residentId)).toBe(true);
    await page.getByTestId('campaign-script').screenshot({ path: `${RESULTS}/campaign-02-answers.png` });

    // a reload in the middle of the call finds the answers again
    await page.reload();
    await page.getByTestId('campaign-script').waitFor();
    expect(await page.getByTestId('q-received-received_partial').isChecked()).toBe(true);
    expect(await page.getByTestId('q-comments').inputValue()).toBe('Dealer gave 20 kg instead of 35 kg');
  });

  it('wrap-up refuses to end without the campaign outcome, then writes it on the contact', async () => {
    const { page } = agent;
    await page.getByTestId('hang-up').click();
    await page.getByTestId('wrap-up').waitFor();
    await page.getByTestId('campaign-outcomes').waitFor();
    await page.getByLabel('Information given').check();
    await page.getByTestId('finish-wrap-up').click();
    const refused = page.getByTestId('outcome-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('is required');
    expect(await textOf(page, 'agent-state')).toBe('Wrap-up');
    expect((await server.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } })).status).toBe('in_progress');
    await screenshot(page, 'campaign-03-wrap-up-refused', RESULTS, false);

    await page.getByLabel('Partly completed').check();
    await page.getByTestId('finish-wrap-up').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('campaign-script').count()).toBe(0);
    const after = await server.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } });
    // an interview cut short is called again later
    expect(after).toMatchObject({ status: 'pending', lastOutcome: 'partial' });
    expect(after.nextAttemptAt?.getTime() ?? 0).toBeGreaterThan(Date.now());
    const attempt = await server.prisma.campaignAttempt.findFirstOrThrow({ where: { callId } });
    expect(attempt.agentId).toBe(agentId);
    await server.flush();
    expect((await server.prisma.call.findUniqueOrThrow({ where: { id: callId } })).disposition).toBe('information_given');
  });

  it('raised no errors in the page', () => {
    expect(agent.errors).toEqual([]);
  });
});
