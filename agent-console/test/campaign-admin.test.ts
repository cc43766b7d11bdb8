import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { launchChromium, openPage, RESULTS, screenshot, type TWatchedPage } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

const SCHEME = 'KUY';
const PER_STRATUM = 2;

interface TPlanRow {
  stratum: string;
  planned: number;
  achievable: number;
  shortfall: number;
}

async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('samvad-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // signed in once the console has left the login page for the user's home
  await page.waitForURL((url) => url.pathname !== '/login');
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/**
 * The supervisor's Campaigns screens against the real server and database: a draft refused
 * and then created from the form, its plan read against the API, its life from scheduled to
 * resumed checked against the API, and a refused change shown without leaving the page wrong.
 */
describe('campaign administration in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let watched: TWatchedPage;
  let page: Page;
  let token: string;
  const prefix = `KUY benefit check ${Date.now()}`;

  async function apiGet<T>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function apiPost<T>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as T };
  }

  const statusOf = async (id: number) => (await apiGet<{ status: string }>(`/api/campaigns/${id}`)).body.status;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 1000 }, locale: 'en-IN' });
    watched = await openPage(context, server.url);
    page = watched.page;
    page.setDefaultTimeout(15_000);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor1', password: 'samvad-demo' }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { accessToken: string }).accessToken;
  });

  afterAll(async () => {
    // every campaign this file made, even one a failed step left behind, ends cancelled
    const mine = await server.prisma.campaign.findMany({ where: { name: { startsWith: prefix } }, select: { id: true, status: true } });
    for (const c of mine) if (c.status !== 'cancelled' && c.status !== 'completed') await apiPost(`/api/campaigns/${c.id}/cancel`);
    await context.close();
    await browser.close();
    await server.close();
  });

  it('the seed gives the scheme the enrolments the plan below samples from', async () => {
    const total = await server.prisma.enrolment.count({ where: { schemeCode: SCHEME } });
    expect(total).toBe(36);
    const { body } = await apiGet<{ schemes: { code: string; enrolments: { total: number; active: number } }[] }>('/api/schemes');
    const kuy = body.schemes.find((s) => s.code === SCHEME);
    expect(kuy?.enrolments).toEqual({ total: 36, active: await server.prisma.enrolment.count({ where: { schemeCode: SCHEME, status: 'active' } }) });
  });

  it('creates a draft from the form, shows its plan, and runs it through its lifecycle', async () => {
    const queue = await server.prisma.queue.findUniqueOrThrow({ where: { code: 'general-hi' } });
    const name = `${prefix}: did the input assistance reach you?`;

    await signIn(page, 'supervisor1');
    await page.getByRole('link', { name: 'Campaigns: create, plan and run' }).click();
    await expect.poll(() => page.locator('#main h1').textContent()).toBe('Campaigns');
    await page.getByRole('link', { name: 'New campaign' }).click();
    await expect.poll(() => page.locator('#main h1').textContent()).toBe('New campaign');

    // the defaults the brief of a campaign starts from
    expect(await page.getByLabel('Calls from').inputValue()).toBe('09:00');
    expect(await page.getByLabel('Calls until').inputValue()).toBe('21:00');
    expect(await page.getByLabel('Attempts per contact').inputValue()).toBe('3');
    expect(await page.getByLabel('Abandonment cap (%)').inputValue()).toBe('3');
    expect(await page.getByLabel('Leave out people contacted in the last (days)').inputValue()).toBe('90');
    expect(await page.getByRole('radio', { name: /^Preview/ }).isChecked()).toBe(true);

    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('combobox', { name: 'Scheme' }).selectOption(SCHEME);
    await expect.poll(() => page.getByText(/active enrolments \(36 in all\)/).count()).toBe(1);
    await page.getByLabel('Queue').selectOption(String(queue.id));
    await page.getByRole('radio', { name: /^Preview/ }).check();
    await page.getByLabel('First day').fill('2026-12-20');
    await page.getByLabel('Last day').fill('2026-12-10');
    await page.getByLabel('Holiday', { exact: true }).fill('2026-12-25');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await page.getByRole('checkbox', { name: 'District' }).check();
    await page.getByRole('radio', { name: /^Fixed per stratum/ }).check();
    await page.getByLabel('Sample size per stratum').fill(String(PER_STRATUM));
    // other test files call people in this database meanwhile: recency off keeps the plan still
    await page.getByLabel('Leave out people contacted in the last (days)').fill('0');
    await page.getByLabel('Random seed').fill('7');
    await expectNoSeriousViolations(page, 'the form');

    // the last day before the first: the server's complaint sits at the field, nothing is created
    await page.getByRole('button', { name: 'Create draft' }).click();
    const endsOn = page.getByLabel('Last day');
    await expect.poll(() => endsOn.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await endsOn.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeDefined();
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('The last day is before the first day.');
    expect(await page.getByTestId('campaign-form-errors').textContent()).toContain('The campaign was not created');
    expect(await page.getByLabel('First day').getAttribute('aria-invalid')).not.toBe('true');
    expect(await server.prisma.campaign.count({ where: { name } })).toBe(0);
    // what was typed is all still there
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(name);
    expect(await page.getByRole('combobox', { name: 'Scheme' }).inputValue()).toBe(SCHEME);
    expect(await page.getByLabel('Sample size per stratum').inputValue()).toBe(String(PER_STRATUM));
    expect(await page.getByTestId('holidays').textContent()).toContain('2026-12-25');
    expect(watched.errors).toEqual([]);
    await screenshot(page, 'campaign-admin-form-error', RESULTS);
    await expectNoSeriousViolations(page, 'the form with an error');

    await endsOn.fill('2027-01-31');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/supervisor\/campaigns\/\d+$/);
    const id = Number(/\/(\d+)$/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);

    const row = await server.prisma.campaign.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name, status: 'draft', schemeCode: SCHEME, mode: 'preview', queueId: queue.id, windowStart: '09:00', windowEnd: '21:00', maxAttempts: 3, abandonCapPct: 3, seed: 7 });
    expect(row.callerId).toMatch(/^\+911600/);
    expect(row.holidays.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-12-25']);
    expect(row.sampling).toEqual({ strata: ['district'], allocation: { method: 'fixed', perStratum: PER_STRATUM }, recentContactDays: 0 });

    // the plan table against the API's plan, stratum by stratum
    await expect.poll(() => page.locator('#main h1').textContent()).toBe(name);
    await page.getByTestId('plan-table').waitFor();
    const plan = (await apiGet<{ planned: number; achievable: number; strata: TPlanRow[] }>(`/api/campaigns/${id}/plan`)).body;
    const short = plan.strata.filter((s) => s.shortfall > 0);
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThan(plan.strata.length);
    const rows = page.getByTestId('plan-row');
    expect(await rows.count()).toBe(plan.strata.length);
    for (const s of plan.strata) {
      const tr = page.locator(`[data-testid="plan-row"][data-stratum="${s.stratum}"]`);
      expect(await tr.getByTestId('plan-row-planned').textContent(), s.stratum).toBe(String(s.planned));
      expect(await tr.getByTestId('plan-row-achievable').textContent(), s.stratum).toBe(String(s.achievable));
      expect(await tr.getByTestId('plan-row-shortfall').textContent(), s.stratum).toBe(s.shortfall > 0 ? `${s.shortfall} short` : '0');
      expect(await tr.getAttribute('class'), s.stratum).toBe(s.shortfall > 0 ? 'plan-row--short' : null);
    }
    expect(await page.getByTestId('plan-planned').textContent()).toBe(String(plan.planned));
    expect(await page.getByTestId('plan-achievable').textContent()).toBe(String(plan.achievable));
    expect(await page.getByTestId('plan-shortfall-summary').textContent()).toContain(`${short.length} strata fall short: ${plan.planned - plan.achievable} fewer contacts than planned.`);
    // districts by name, not by code
    const [firstShort] = short;
    const districtCode = Number(firstShort?.stratum.replace('district=', ''));
    const district = await server.prisma.district.findUniqueOrThrow({ where: { lgdCode: districtCode } });
    expect(await page.locator(`[data-testid="plan-row"][data-stratum="district=${districtCode}"] th`).textContent()).toBe(district.name);
    expect(await page.getByTestId('plan-table').locator('thead th').first().textContent()).toBe('District');
    expect(await page.getByTestId('setting-scheme').textContent()).toBe('Krishak Unnati Yojana (KUY)');
    expect(await page.getByTestId('setting-queue').textContent()).toContain('general-hi');
    expect(await page.getByTestId('setting-allocation').textContent()).toBe(`${PER_STRATUM} per stratum`);
    await screenshot(page, 'campaign-admin-detail-draft', RESULTS);
    await expectNoSeriousViolations(page, 'the detail page');

    // draft → scheduled → running → paused → running, each step as the API tells it
    const status = page.getByTestId('campaign-detail-status');
    const actions = page.getByTestId(`campaign-actions-${id}`);
    for (const [button, expected, label] of [
      ['Schedule', 'scheduled', 'Scheduled'],
      ['Start', 'running', 'Running'],
      ['Pause', 'paused', 'Paused'],
      ['Resume', 'running', 'Running'],
    ] as const) {
      await actions.getByRole('button', { name: button, exact: true }).click();
      await expect.poll(() => status.textContent()).toBe(label);
      expect(await statusOf(id), button).toBe(expected);
    }
    const scheduled = (await apiGet<{ contacts: Record<string, number> }>(`/api/campaigns/${id}`)).body;
    const drawn = Object.values(scheduled.contacts).reduce((a, b) => a + b, 0);
    expect(drawn).toBe(plan.achievable);
    expect(await page.getByTestId('campaign-contact-counts').textContent()).toContain(`Total: ${drawn}`);
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Pause', 'Complete', 'Cancel campaign']);

    // someone else pauses it meanwhile: this page's Pause is refused (409) and the page catches up
    expect((await apiPost(`/api/campaigns/${id}/pause`)).status).toBe(200);
    await actions.getByRole('button', { name: 'Pause', exact: true }).click();
    const refused = page.getByTestId('campaign-action-refused');
    await expect.poll(() => refused.textContent()).toContain('This change is not possible now');
    expect(await refused.textContent()).toContain('The campaign could not be paused: it is paused now.');
    expect(await refused.textContent()).toContain('cannot pause a paused campaign');
    await expect.poll(() => status.textContent()).toBe('Paused');
    await expect.poll(() => actions.getByRole('button').allTextContents()).toEqual(['Resume', 'Complete', 'Cancel campaign']);
    expect(await statusOf(id)).toBe('paused');
    await screenshot(page, 'campaign-admin-detail-refused', RESULTS);
    await expectNoSeriousViolations(page, 'the detail page with a refusal');

    // the list: the campaign with its scheme, mode, status, dates and contacts
    await page.getByRole('link', { name: '← All campaigns' }).click();
    const listRow = page.getByTestId(`campaign-row-${id}`);
    await listRow.waitFor();
    expect(await listRow.getByTestId('campaign-status').textContent()).toBe('Paused');
    expect(await listRow.getByTestId('campaign-contacts').textContent()).toBe(String(drawn));
    expect(await listRow.textContent()).toContain('Krishak Unnati Yojana');
    expect(await listRow.textContent()).toContain('Preview');
    expect(await listRow.textContent()).toContain('20 Dec 2026 – 31 Jan 2027');
    await screenshot(page, 'campaign-admin-list', RESULTS);
    await expectNoSeriousViolations(page, 'the list');

    // resumed from the list, then cancelled from the list after its confirmation
    await listRow.getByRole('button', { name: `Resume: ${name}` }).click();
    await expect.poll(() => listRow.getByTestId('campaign-status').textContent()).toBe('Running');
    expect(await statusOf(id)).toBe('running');
    await listRow.getByRole('button', { name: `Cancel campaign: ${name}` }).click();
    await listRow.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => listRow.getByTestId('campaign-status').textContent()).toBe('Cancelled');
    expect(await statusOf(id)).toBe('cancelled');
    expect(watched.errors).toEqual([]);
    expect(watched.outside).toEqual([]);
  });

  it('reads in Hindi at 900 px', async () => {
    const draft = await fetch(`${server.url}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `${prefix}: हिन्दी`,
        schemeCode: SCHEME,
        mode: 'ivr',
        startsOn: '2026-12-20',
        endsOn: '2027-01-31',
        sampling: { strata: ['gender'], allocation: { method: 'proportional', total: 10 }, recentContactDays: 0 },
      }),
    });
    expect(draft.status).toBe(201);
    const { id } = (await draft.json()) as { id: number };
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.goto(`/supervisor/campaigns/${id}`);
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('campaign-detail-status').textContent()).toBe('मसौदा');
    await page.getByTestId('plan-table').waitFor();
    expect(await page.getByRole('heading', { name: 'नमूना योजना' }).count()).toBe(1);
    // no part of the page but the plan's own table is wider than the window
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'campaign-admin-detail-hi-900', RESULTS);
    await page.goto('/supervisor/campaigns/new');
    await expect.poll(() => page.locator('#main h1').textContent()).toBe('नया अभियान');
    const formOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(formOverflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'campaign-admin-form-hi-900', RESULTS);
    await page.getByTestId('language-toggle').click();
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('refuses the screens to an agent', async () => {
    const agentContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, locale: 'en-IN' });
    try {
      const agent = (await openPage(agentContext, server.url)).page;
      agent.setDefaultTimeout(15_000);
      await signIn(agent, 'agent1');
      for (const path of ['/supervisor/campaigns', '/supervisor/campaigns/new']) {
        await agent.goto(path);
        await agent
          .getByText('This page is not for your role')
          .waitFor()
          .catch(async (error: unknown) => {
            await screenshot(agent, 'campaign-admin-agent-failed', RESULTS);
            throw new Error(`${path}: ${agent.url()}: ${String(error)}`);
          });
        expect(await agent.locator('#main .alert--error').textContent()).toContain('You are signed in as Agent.');
        expect(await agent.getByTestId('campaign-list').count()).toBe(0);
        expect(await agent.getByRole('button', { name: 'Create draft' }).count()).toBe(0);
      }
      // and the server refuses the agent's token too
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'agent1', password: 'samvad-demo' }),
      });
      const agentToken = ((await login.json()) as { accessToken: string }).accessToken;
      const res = await fetch(`${server.url}/api/campaigns`, { headers: { authorization: `Bearer ${agentToken}` } });
      expect(res.status).toBe(403);
      await screenshot(agent, 'campaign-admin-agent-refused', RESULTS);
    } finally {
      await agentContext.close();
    }
  });
});
