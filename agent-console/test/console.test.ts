import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, SCREENSHOTS, screenshot, type TWatchedPage } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

const PASSWORD = 'samvad-demo';

interface TCaller {
  householdId: number;
  residentId: number;
  mobile: string;
  headName: string;
  failureReason: string;
}

/**
 * The console against the real server, database and Chromium: no mocks. The steps build on one
 * another (sign in, look up, register, hand over to the officer), so they share one browser page.
 */
describe('agent console in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  let context: BrowserContext;
  let watched: TWatchedPage;
  let page: Page;
  let officer: { departmentCode: string; districtCode: number };
  let caller: TCaller;
  let docketNo: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-IN' });
    watched = await openPage(context, server.url);
    page = watched.page;
    page.setDefaultTimeout(15_000);

    const o = await server.prisma.user.findUniqueOrThrow({ where: { username: 'officer1' } });
    if (!o.departmentCode || o.districtCode === null) throw new Error('officer1 has no department or district in the seed');
    officer = { departmentCode: o.departmentCode, districtCode: o.districtCode };

    // A caller whose number belongs to one household only, in the officer's district (so the
    // grievance lands on the officer's desk), whose card shows a failed payment.
    const [row] = await server.prisma.$queryRaw<
      { household_id: number; resident_id: number; mobile: string; head_name: string; failure_reason: string }[]
    >`
      WITH recent AS (
        SELECT p.enrolment_id, p.status, p.failure_reason, p.period,
               row_number() OVER (PARTITION BY p.enrolment_id ORDER BY p.period DESC) AS rn
        FROM benefit_payments p)
      SELECT h.id AS household_id, r.id AS resident_id, r.mobile, head.name_en AS head_name,
             (SELECT recent.failure_reason FROM recent JOIN enrolments e ON e.id = recent.enrolment_id
              WHERE e.household_id = h.id AND recent.rn <= 12 AND recent.status = 'failed'
              ORDER BY recent.period DESC LIMIT 1) AS failure_reason
      FROM households h
      JOIN residents r ON r.household_id = h.id AND r.mobile IS NOT NULL
      JOIN residents head ON head.household_id = h.id AND head.relation = 'head'
      WHERE h.district_code = ${officer.districtCode}
        AND EXISTS (SELECT 1 FROM recent JOIN enrolments e ON e.id = recent.enrolment_id
                    WHERE e.household_id = h.id AND recent.rn <= 12 AND recent.status = 'failed')
        AND NOT EXISTS (SELECT 1 FROM residents other WHERE other.mobile = r.mobile AND other.household_id <> h.id)
      ORDER BY h.id, r.id
      LIMIT 1`;
    if (!row) throw new Error("the seed has no household in officer1's district with a failed payment and a phone");
    caller = {
      householdId: row.household_id,
      residentId: row.resident_id,
      mobile: row.mobile,
      headName: row.head_name,
      failureReason: row.failure_reason,
    };
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function signIn(username: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function waitForSocket(state: string) {
    await page.locator(`[data-testid="socket-status"][data-state="${state}"]`).waitFor();
  }

  it('sends a visitor to the login page and refuses a wrong password with a clear message', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await signIn('agent1', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Wrong username or password');
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, '01-login-wrong-password');
  });

  it('signs the agent in to /agent, shows who is signed in, and connects the socket', async () => {
    await signIn('agent1', PASSWORD);
    await page.waitForURL('**/agent');
    const user = page.getByTestId('current-user');
    expect(await user.textContent()).toContain('agent1');
    expect(await user.textContent()).toContain('Agent');
    await waitForSocket('connected');
    expect(await page.getByTestId('socket-status').textContent()).toContain('Live');
  });

  it('refreshes an expired session once, however many requests and sockets find it expired', async () => {
    // Make the stored access token useless, as if it had expired, and start the console again:
    // the session check and the socket handshake both hit it at once.
    await page.evaluate(() => {
      const raw = sessionStorage.getItem('samvad.session');
      if (!raw) throw new Error('no session stored');
      const session: unknown = JSON.parse(raw);
      if (typeof session !== 'object' || session === null) throw new Error('session is not an object');
      sessionStorage.setItem('samvad.session', JSON.stringify({ ...session, accessToken: 'expired.access.token' }));
    });
    const refreshes: string[] = [];
    const refused: string[] = [];
    const onResponse = (response: Response) => {
      const url = new URL(response.url());
      if (url.pathname === '/api/auth/refresh') refreshes.push(String(response.status()));
      else if (response.status() === 401) refused.push(url.pathname);
    };
    page.on('response', onResponse);
    await page.reload();
    await waitForSocket('connected');
    await expect.poll(() => refused.length).toBeGreaterThan(0);
    page.off('response', onResponse);
    expect(refreshes).toEqual(['200']);
    expect(refused).toContain('/api/auth/me');
    const stored = await page.evaluate(() => sessionStorage.getItem('samvad.session') ?? '');
    expect(stored).not.toContain('expired.access.token');
  });

  it('pops the household card for a phone number typed the Indian way', async () => {
    // "+919876543210" typed as "098765 43210"
    const typed = `0${caller.mobile.slice(3, 8)} ${caller.mobile.slice(8)}`;
    await page.getByTestId('phone-input').fill(typed);
    await page.getByRole('button', { name: 'Find household' }).click();

    const card = page.getByTestId('household-card');
    await card.waitFor();
    expect(await page.getByTestId('household-head').textContent()).toBe(caller.headName);

    // A failed payment, highlighted in red, with its reason
    const failed = page.locator('[data-testid="payment-row"][data-status="failed"]');
    await failed.first().waitFor();
    const failedText = (await failed.allTextContents()).join('\n');
    expect(failedText).toContain('Failed');
    expect(failedText).toContain(caller.failureReason);
    const background = await failed.first().locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(background).toBe('rgb(253, 236, 234)');

    // Nearby facilities: the list and the tile-free map show the same points
    const facilities = page.getByTestId('facility');
    await facilities.first().waitFor();
    const count = await facilities.count();
    expect(count).toBeGreaterThan(3);
    const distances = await page.locator('.facility__distance').allTextContents();
    for (const d of distances) expect(d).toMatch(/^[\d.,]+ k?m$/);
    const map = page.getByTestId('facility-map-svg');
    expect(await map.locator('[data-testid="map-point"]').count()).toBe(count);
    expect(await map.getByTestId('map-household').count()).toBe(1);
    expect(await map.getByTestId('map-scale').textContent()).toMatch(/^[\d.,]+ k?m$/);
    // Synthetic demo points are said to be synthetic
    const syntheticOnMap = await map.locator('circle[stroke-dasharray]').count();
    expect(await page.locator('[data-testid="facility"] .badge', { hasText: 'Synthetic' }).count()).toBe(syntheticOnMap);
    // No tiles, fonts or scripts from anywhere else
    expect(watched.outside).toEqual([]);

    await screenshot(page, '02-household-card');
    await page.getByTestId('facility-map').screenshot({ path: `${SCREENSHOTS}/03-facility-map.png` });
  });

  it('switches the interface to Hindi and back', async () => {
    await page.getByTestId('language-toggle').click();
    await page.getByRole('heading', { name: 'परिवार के सदस्य' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('hi');
    expect(await page.getByRole('heading', { name: 'नज़दीकी सुविधाएँ' }).count()).toBe(1);
    expect(await page.getByTestId('socket-status').textContent()).toContain('लाइव');
    await screenshot(page, '04-household-card-hindi');

    await page.getByTestId('language-toggle').click();
    await page.getByRole('heading', { name: 'Family members' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it("registers a grievance from the card: the server's field errors by the fields, then the docket", async () => {
    const category = await server.prisma.grievanceCategory.findFirstOrThrow({
      where: { departmentCode: officer.departmentCode },
      orderBy: { code: 'asc' },
    });
    const form = page.getByTestId('grievance-form');
    await form.waitFor();

    // Nothing chosen and too short a description: the server says what is wrong with each field.
    await page.getByTestId('grievance-description').fill('short');
    await page.getByRole('button', { name: 'Register grievance' }).click();
    const descriptionError = form.locator('.field', { has: page.getByTestId('grievance-description') }).locator('.field__error');
    await descriptionError.waitFor();
    expect(await descriptionError.textContent()).toContain('at least 10 characters');
    expect(await page.getByTestId('grievance-description').getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field', { has: page.getByTestId('category-select') }).locator('.field__error').count()).toBe(1);
    await page.locator('#grievance-form').screenshot({ path: `${SCREENSHOTS}/05-grievance-field-errors.png` });

    // The picker searches Hindi names too
    const firstHindiWord = category.nameHi.split(/\s+/)[0] ?? category.nameHi;
    await page.getByTestId('category-search').fill(firstHindiWord);
    const hindiMatches = await page.getByTestId('category-select').locator('option').evaluateAll((options) =>
      options.map((o) => (o instanceof HTMLOptionElement ? o.value : '')),
    );
    expect(hindiMatches).toContain(category.code);

    await page.getByTestId('category-search').fill(category.code);
    await page.getByTestId('category-select').selectOption(category.code);
    expect(await page.getByTestId('category-chosen').textContent()).toContain(`${category.deadlineDays} days`);
    const description = `Ration not received for two months at the fair price shop (browser test ${Date.now()})`;
    await page.getByTestId('grievance-description').fill(description);
    await page.getByTestId('grievance-anonymous').check();
    await page.getByRole('button', { name: 'Register grievance' }).click();

    const docket = page.getByTestId('docket-number');
    await docket.waitFor();
    docketNo = ((await docket.textContent()) ?? '').trim();
    expect(docketNo).toMatch(/^CG-\d{4}-\d{6}$/);
    const stored = await server.prisma.grievance.findUnique({ where: { docketNo } });
    expect(stored).toMatchObject({
      categoryCode: category.code,
      description,
      anonymous: true,
      householdId: caller.householdId,
      residentId: caller.residentId,
      channel: 'helpline',
    });
    // the card's recent grievances now list it
    await page.getByTestId('recent-grievance').filter({ hasText: docketNo }).waitFor();
    await page.locator('#grievance-form').screenshot({ path: `${SCREENSHOTS}/06-grievance-docket.png` });
    await screenshot(page, '06-household-card-after-grievance');
  });

  it('hands over to the officer: /department opens the docket, anonymously', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await signIn('officer1', PASSWORD);
    await page.waitForURL('**/department');
    await waitForSocket('connected');
    await page.getByTestId('docket-input').fill(docketNo.toLowerCase());
    await page.getByRole('button', { name: 'Open grievance' }).click();
    const details = page.getByTestId('grievance-details');
    await details.waitFor();
    expect(await details.textContent()).toContain(docketNo);
    expect(await page.getByTestId('grievance-complainant').textContent()).toBe('Anonymous complainant');
    expect(await page.getByTestId('grievance-history').locator('li').count()).toBe(2);
    expect(await details.textContent()).toContain('Routed to the office');
    await screenshot(page, '07-department-docket');
  });

  it('kept to its own origin and raised no errors in the page', () => {
    expect(watched.outside).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
