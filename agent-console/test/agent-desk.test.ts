import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { launchChromium, openPage, RESULTS, screenshot, type TWatchedPage } from './chromium.js';
import { startConsoleServer, type TConsoleServer } from './console-server.js';

const PASSWORD = 'samvad-demo';
/** a seeded queue: Hindi, no department; the seeded agent2 speaks Hindi, so serves it */
const QUEUE = 'general-hi';
const AGENT = 'agent2';

interface TCaller {
  householdId: number;
  mobile: string;
  headName: string;
}

/** "+919876543210" as the console shows it */
function shown(e164: string): string {
  return `+91 ${e164.slice(3, 8)} ${e164.slice(8)}`;
}

async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

/**
 * The live desk against the real server, database, ACD (over the telephony simulator) and
 * Chromium: an agent and a supervisor in two browser contexts, a simulated citizen calling.
 * The steps build on one another, so they share the pages.
 */
describe('agent desk and supervisor live view in Chromium', () => {
  let server: TConsoleServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let agent: TWatchedPage;
  let supervisor: TWatchedPage;
  let agentId: number;
  let caller: TCaller;
  let callId: string;
  let answeredBefore: number;

  /** a valid mobile number that no resident has */
  async function unknownNumber(): Promise<string> {
    for (;;) {
      const number = `+917${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
      if ((await server.prisma.resident.count({ where: { mobile: number } })) === 0) return number;
    }
  }

  const agentRow = (state: string) => supervisor.page.locator(`[data-testid="agent-row"][data-username="${AGENT}"][data-state="${state}"]`);
  const queueRow = () => supervisor.page.locator(`[data-testid="queue-row"][data-queue="${QUEUE}"]`);

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await launchChromium();
    for (let i = 0; i < 2; i += 1) contexts.push(await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-IN' }));
    const [agentContext, supervisorContext] = contexts;
    if (!agentContext || !supervisorContext) throw new Error('no browser contexts');
    agent = await openPage(agentContext, server.url);
    supervisor = await openPage(supervisorContext, server.url);
    agent.page.setDefaultTimeout(15_000);
    supervisor.page.setDefaultTimeout(15_000);

    agentId = (await server.prisma.user.findUniqueOrThrow({ where: { username: AGENT } })).id;
    // The database is shared with other runs: start from a known desk. Only this test's agent
    // takes calls in this ACD; anyone else left ready in the database is made not ready here.
    const board = await server.acd.boardNow();
    for (const other of board.agents) {
      if (other.userId !== agentId && other.state === 'ready') await server.acd.setState(other.userId, { state: 'not_ready', reason: 'meeting' });
    }
    const mine = board.agents.find((a) => a.userId === agentId);
    if (mine?.state === 'wrap_up') await server.acd.finishWrapUp(agentId, { disposition: 'dropped', then: { state: 'offline' } });
    else if (mine && mine.state !== 'offline') await server.acd.setState(agentId, { state: 'offline' });

    // A citizen whose number belongs to one household only, whose card shows a failed payment.
    const [row] = await server.prisma.$queryRaw<{ household_id: number; mobile: string; head_name: string }[]>`
      SELECT h.id AS household_id, r.mobile, head.name_en AS head_name
      FROM households h
      JOIN residents r ON r.household_id = h.id AND r.mobile IS NOT NULL
      JOIN residents head ON head.household_id = h.id AND head.relation = 'head'
      WHERE EXISTS (SELECT 1 FROM enrolments e JOIN benefit_payments p ON p.enrolment_id = e.id
                    WHERE e.household_id = h.id AND p.status = 'failed')
        AND NOT EXISTS (SELECT 1 FROM residents other WHERE other.mobile = r.mobile AND other.household_id <> h.id)
      ORDER BY h.id DESC, r.id
      LIMIT 1`;
    if (!row) throw new Error('the seed has no household with a failed payment and a phone of its own');
    caller = { householdId: row.household_id, mobile: row.mobile, headName: row.head_name };
  });

  afterAll(async () => {
    // a call-back booked here must not ring the seeded agent in a later run
    if (callId) await server?.prisma.callback.updateMany({ where: { callId, status: 'pending' }, data: { status: 'cancelled' } });
    // leave the seeded agent signed off for the next run, whatever happened
    await server?.acd.setState(agentId, { state: 'offline' }).catch(() => undefined);
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the supervisor every queue and agent from the snapshot the socket asks for', async () => {
    const { page } = supervisor;
    await signIn(page, 'supervisor1');
    await page.waitForURL('**/supervisor');
    await queueRow().waitFor();
    await agentRow('offline').waitFor();
    answeredBefore = Number(await queueRow().getByTestId('queue-answered').textContent());
    expect(Number.isInteger(answeredBefore)).toBe(true);
  });

  it('signs the agent in to the desk; going ready shows on the supervisor page at once', async () => {
    const { page } = agent;
    await signIn(page, AGENT);
    await page.waitForURL('**/agent');
    await page.locator('[data-testid="socket-status"][data-state="connected"]').waitFor();
    await page.locator('[data-testid="desk-state"][data-state="offline"]').waitFor();
    expect(await textOf(page, 'agent-state')).toBe('Offline');

    await page.getByTestId('state-ready').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
    expect(await textOf(page, 'agent-state')).toBe('Ready');
    expect(await page.getByTestId('state-ready').getAttribute('aria-pressed')).toBe('true');
    // the timer counts from the server's `since`
    await expect.poll(() => textOf(page, 'state-timer'), { timeout: 4000 }).toMatch(/^0:0[1-9]$/);
    // pushed to the supervisor: the page was never reloaded
    await agentRow('ready').waitFor({ timeout: 3000 });
    await expect.poll(async () => Number(await queueRow().getByTestId('queue-ready').textContent())).toBeGreaterThan(0);
    await screenshot(page, 'agent-01-desk-ready', RESULTS);
  });

  it('the agent desk has no serious or critical accessibility violations', async () => {
    expect(await seriousViolations(agent.page)).toEqual([]);
  });

  it("rings the agent for a citizen in the queue and pops the citizen's household within a second of the offer", async () => {
    const { page } = agent;
    callId = await server.callIn(caller.mobile, QUEUE, { householdId: caller.householdId });
    const banner = page.getByTestId('incoming-call');
    await banner.waitFor();
    await page.getByTestId('household-head').waitFor();
    const shownAt = Date.now();
    expect(await textOf(page, 'household-head')).toBe(caller.headName);

    await server.flush();
    const offered = await server.prisma.callEvent.findFirstOrThrow({ where: { callId, type: 'queue.offered' } });
    expect(shownAt - offered.at.getTime()).toBeLessThan(1000);

    expect(await banner.getAttribute('data-call-id')).toBe(callId);
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(shown(caller.mobile));
    expect(text).toContain('General helpline');
    expect(await textOf(page, 'ring-deadline')).toMatch(/^Rings until .+ · \d+ seconds? left$/);
    expect(await page.getByTestId('screen-pop-source').getAttribute('data-source')).toBe('ivr');
    // the agent was not typing: Space and Enter go to the accept button
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('accept-call');
    expect(await page.title()).toContain('Incoming call');
    await agentRow('reserved').waitFor({ timeout: 3000 });
    await page.getByTestId('facility').first().waitFor();
    await screenshot(page, 'agent-02-ringing-screen-pop', RESULTS);
    await screenshot(page, 'agent-02-ringing-first-screen', RESULTS, false);
  });

  it('the ringing desk and its screen-pop have no serious or critical accessibility violations', async () => {
    expect(await seriousViolations(agent.page)).toEqual([]);
  });

  it('accepts with Space: the citizen and the agent are joined, and the supervisor sees the call', async () => {
    const { page } = agent;
    await page.keyboard.press('Space');
    const panel = page.getByTestId('call-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-call-id')).toBe(callId);
    expect(await textOf(page, 'agent-state')).toBe('On call');
    expect(await page.getByTestId('incoming-call').count()).toBe(0);
    const desk = await server.acd.desk(agentId);
    const agentLeg = desk.call?.agentLegId ?? '';
    await expect.poll(() => server.network.hears(callId).includes(agentLeg)).toBe(true);
    // the household card stayed: no second fetch, no flicker
    expect(await textOf(page, 'household-head')).toBe(caller.headName);

    await agentRow('on_call').waitFor({ timeout: 3000 });
    expect(await agentRow('on_call').getByTestId('agent-row-call').textContent()).toContain(QUEUE);
    await expect.poll(async () => Number(await queueRow().getByTestId('queue-answered').textContent())).toBe(answeredBefore + 1);
  });

  it('shows a second caller waiting while the agent is busy, the wait counting up, then their giving up', async () => {
    const before = Number(await queueRow().getByTestId('queue-abandoned').textContent());
    const second = await server.callIn(await unknownNumber(), QUEUE);
    await supervisor.page.locator(`[data-testid="queue-row"][data-queue="${QUEUE}"][data-waiting="1"]`).waitFor({ timeout: 3000 });
    expect(await supervisor.page.getByTestId('board-waiting').textContent()).toContain('1 caller waiting');
    // counted from the server's timestamp, ticking without a push
    await expect.poll(() => queueRow().getByTestId('queue-longest-wait').textContent(), { timeout: 4000 }).toMatch(/^0:0[1-9]/);
    await screenshot(supervisor.page, 'supervisor-01-caller-waiting', RESULTS);
    server.network.remoteHangup(second);
    await supervisor.page.locator(`[data-testid="queue-row"][data-queue="${QUEUE}"][data-waiting="0"]`).waitFor({ timeout: 3000 });
    await expect.poll(async () => Number(await queueRow().getByTestId('queue-abandoned').textContent())).toBe(before + 1);
  });

  it('holds and resumes the caller; a transfer to a queue that does not exist is refused by the field', async () => {
    const { page } = agent;
    await page.getByTestId('transfer-open').click();
    await page.getByTestId('transfer-queue').fill('no-such-queue');
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const fieldError = page.locator('.transfer .field__error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('no such queue');
    expect(await page.getByTestId('call-panel').getAttribute('data-call-id')).toBe(callId);
    await page.getByTestId('transfer-open').click();

    await page.getByTestId('hold-call').click();
    await page.getByTestId('held-badge').waitFor();
    await expect.poll(() => server.network.leg(callId).onHold).toBe(true);
    await page.getByTestId('resume-call').click();
    await page.getByTestId('held-badge').waitFor({ state: 'detached' });
    // (the simulator keeps its music-on-hold flag when the same two legs are joined again, so
    // the ACD's view and who the caller hears are what is checked)
    expect((await server.acd.desk(agentId)).call?.held).toBe(false);
    const agentLeg = (await server.acd.desk(agentId)).call?.agentLegId ?? '';
    expect(server.network.hears(callId)).toContain(agentLeg);
  });

  it('comes back after a dropped network and after a reload, with the call and the household', async () => {
    const { page } = agent;
    // the network drops; meanwhile the call goes on hold (as a supervisor might do)
    expect(server.dropSockets(agentId)).toBeGreaterThan(0);
    await server.acd.hold(agentId);
    await page.locator('[data-testid="socket-status"][data-state="connected"]').waitFor();
    await page.getByTestId('held-badge').waitFor();
    await page.getByTestId('resume-call').click();
    await page.getByTestId('held-badge').waitFor({ state: 'detached' });

    await page.reload();
    const panel = page.getByTestId('call-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-call-id')).toBe(callId);
    expect(await textOf(page, 'agent-state')).toBe('On call');
    await page.getByTestId('household-head').waitFor();
    expect(await textOf(page, 'household-head')).toBe(caller.headName);
    // the reloaded console's socket is the one the server counts
    await expect.poll(() => server.acd.presence.isPresent(agentId)).toBe(true);
    expect(server.network.leg(callId).state).not.toBe('ended');
  });

  it('registers a grievance on the call and shows the docket to read out', async () => {
    const { page } = agent;
    const category = await server.prisma.grievanceCategory.findFirstOrThrow({ orderBy: { code: 'asc' } });
    await page.getByTestId('category-search').fill(category.code);
    await page.getByTestId('category-select').selectOption(category.code);
    await page.getByTestId('grievance-description').fill(`Ration not received for two months (desk test ${Date.now()})`);
    await page.getByRole('button', { name: 'Register grievance' }).click();
    const docket = page.getByTestId('docket-number');
    await docket.waitFor();
    const docketNo = ((await docket.textContent()) ?? '').trim();
    expect(docketNo).toMatch(/^CG-\d{4}-\d{6}$/);
    const stored = await server.prisma.grievance.findUniqueOrThrow({ where: { docketNo } });
    expect(stored).toMatchObject({ callId, householdId: caller.householdId, channel: 'helpline' });
    await screenshot(page, 'agent-03-on-call-grievance', RESULTS);
    await screenshot(page, 'agent-03-on-call-first-screen', RESULTS, false);
  });

  it('mutes the agent towards the caller and sends keys from the keypad, by click and by typing; a reload keeps the mute', async () => {
    const { page } = agent;
    const keysSent = () =>
      server.network
        .controls(callId)
        .flatMap((c) => (c.kind === 'dtmf' ? [c.digits] : []))
        .join('');
    const before = keysSent();
    const agentLeg = (await server.acd.desk(agentId)).call?.agentLegId ?? '';
    const mute = page.getByTestId('mute-call');
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    expect(await mute.textContent()).toBe('Mute');
    await mute.click();
    await page.locator('[data-testid="mute-call"][aria-pressed="true"]').waitFor();
    await page.getByTestId('muted-badge').waitFor();
    expect(await mute.textContent()).toBe('Unmute');
    // the caller hears silence from the agent (still bridged, not held); the agent still hears them
    expect(server.network.leg(agentLeg).muted).toBe(true);
    expect((await server.acd.desk(agentId)).call).toMatchObject({ held: false, muted: true });
    expect(server.network.hears(callId)).not.toContain(agentLeg);
    expect(server.network.hears(agentLeg)).toContain(callId);

    // folded until the agent opens it
    expect(await page.getByTestId('key-1').isVisible()).toBe(false);
    await page.getByTestId('keypad-open').click();
    expect(await page.getByTestId('keypad').getByRole('button').count()).toBe(12);
    await page.getByTestId('key-1').click();
    await page.getByTestId('key-hash').click();
    await expect.poll(keysSent).toBe(`${before}1#`);
    // typing while the keypad has focus presses the keys; other keys are ignored
    await page.getByTestId('key-1').focus();
    await page.keyboard.type('2x*');
    await expect.poll(keysSent).toBe(`${before}1#2*`);
    await expect.poll(() => textOf(page, 'keys-sent')).toBe('Sent: 1#2*');
    await server.flush();
    const recorded = await server.prisma.callEvent.findMany({ where: { callId, type: 'agent.dtmf' }, orderBy: { id: 'asc' } });
    expect(recorded.map((e) => (e.data as { digits: string }).digits).join('')).toBe('1#2*');
    await screenshot(page, 'agent-06-call-controls', RESULTS);
    await screenshot(page, 'agent-06-call-controls-first-screen', RESULTS, false);
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await page.getByTestId('call-panel').waitFor();
    await page.getByTestId('muted-badge').waitFor();
    expect(await page.getByTestId('mute-call').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('mute-call').click();
    await page.locator('[data-testid="mute-call"][aria-pressed="false"]').waitFor();
    expect(server.network.leg(agentLeg).muted).toBe(false);
    expect(server.network.hears(callId)).toContain(agentLeg);
  });

  it('hangs up; wrap-up shows the server refusing to end without a disposition, then ends with one', async () => {
    const { page } = agent;
    await page.getByTestId('hang-up').click();
    await page.getByTestId('wrap-up').waitFor();
    expect(await textOf(page, 'agent-state')).toBe('Wrap-up');
    expect(await page.getByTestId('call-panel').count()).toBe(0);
    await expect.poll(() => server.network.leg(callId).state).toBe('ended');
    await agentRow('wrap_up').waitFor({ timeout: 3000 });
    expect(await page.getByTestId('wrap-up-dockets').textContent()).toMatch(/CG-\d{4}-\d{6}/);

    await page.getByTestId('finish-wrap-up').click();
    const refused = page.getByTestId('disposition-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('is required');
    expect(await page.getByTestId('wrap-up').getByRole('alert').first().textContent()).toContain('A disposition is required');
    expect(await textOf(page, 'agent-state')).toBe('Wrap-up');
    await screenshot(page, 'agent-04-wrap-up-refused', RESULTS, false);

    await page.getByLabel('Grievance registered').check();
    await page.getByTestId('wrap-up-notes').fill('Ration not received; docket read out to the caller');

    // a call-back, on India's clock: one in the past is refused at the field, one tomorrow is booked
    const india = (ms: number) => new Date(ms + 330 * 60_000).toISOString().slice(0, 16);
    await page.getByTestId('callback-wanted').check();
    await page.getByTestId('callback-at').fill(india(Date.now() - 3_600_000));
    await page.getByTestId('callback-note').fill('Check the ration reached');
    await page.getByTestId('finish-wrap-up').click();
    const atError = page.locator('.wrap-up__callback .field__error');
    await atError.waitFor();
    expect(await atError.textContent()).toContain('must be in the future');
    expect(await textOf(page, 'agent-state')).toBe('Wrap-up');
    await screenshot(page, 'agent-04-wrap-up-callback-refused', RESULTS, false);
    const tomorrow = india(Date.now() + 86_400_000);
    await page.getByTestId('callback-at').fill(tomorrow);
    await page.getByTestId('finish-wrap-up').click();
    await page.locator('[data-testid="desk-state"][data-state="ready"]').waitFor();
    const booked = await server.prisma.callback.findFirstOrThrow({ where: { callId } });
    expect(booked).toMatchObject({ phone: caller.mobile, status: 'pending' });
    expect(booked.waitingSince.toISOString()).toBe(new Date(`${tomorrow}:00+05:30`).toISOString());
    // nobody is offered it before its time
    expect(server.acd.waiting(QUEUE).some((w) => w.id === `callback:${booked.id}`)).toBe(false);
    expect(await page.getByTestId('wrap-up').count()).toBe(0);
    // between calls the desk offers the ordinary lookup again
    await page.getByTestId('phone-input').waitFor();

    await server.flush();
    const row = await server.prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(row).toMatchObject({ agentId, disposition: 'grievance_registered', notes: 'Ration not received; docket read out to the caller' });
    await agentRow('ready').waitFor({ timeout: 3000 });
    await screenshot(supervisor.page, 'supervisor-02-live-view', RESULTS);
  });

  it('the supervisor page has no serious or critical accessibility violations', async () => {
    expect(await seriousViolations(supervisor.page)).toEqual([]);
  });

  it('speaks Hindi on the desk and the supervisor page', async () => {
    await agent.page.getByTestId('language-toggle').click();
    await agent.page.getByRole('heading', { name: 'आपकी स्थिति', exact: true }).waitFor();
    expect(await textOf(agent.page, 'agent-state')).toBe('उपलब्ध');
    await screenshot(agent.page, 'agent-05-desk-hindi', RESULTS);
    await agent.page.getByTestId('language-toggle').click();

    await supervisor.page.getByTestId('language-toggle').click();
    await supervisor.page.getByRole('heading', { name: 'कतारें', exact: true }).waitFor();
    expect(await agentRow('ready').getByTestId('agent-row-state').textContent()).toBe('उपलब्ध');
    await screenshot(supervisor.page, 'supervisor-03-hindi', RESULTS);
    await supervisor.page.getByTestId('language-toggle').click();
  });

  it('finds an unknown caller by card number, links the call to them, and keeps the link over a reload', async () => {
    const { page } = agent;
    const { cardNumber } = await server.prisma.household.findUniqueOrThrow({ where: { id: caller.householdId } });
    const from = await unknownNumber();
    const unknownCall = await server.callIn(from, QUEUE);
    await page.getByTestId('incoming-call').waitFor();
    const search = page.getByTestId('caller-search');
    await search.waitFor();
    expect(await page.getByTestId('screen-pop').textContent()).toContain(`No household has the number ${shown(from)}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('call-panel').waitFor();

    await search.getByTestId('search-input').fill(cardNumber);
    await search.getByRole('button', { name: 'Search' }).click();
    await search.getByTestId('resident-results').getByRole('button', { name: 'Open card' }).first().click();
    await page.getByTestId('household-head').waitFor();
    expect(await textOf(page, 'household-head')).toBe(caller.headName);
    expect(await page.getByTestId('screen-pop-source').getAttribute('data-source')).toBe('agent');

    await page.reload();
    await page.getByTestId('call-panel').waitFor();
    await page.getByTestId('household-head').waitFor();
    expect(await page.getByTestId('screen-pop-source').getAttribute('data-source')).toBe('agent');
    // the views were audited against this call
    const audited = await server.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_log WHERE call_id = ${unknownCall}::uuid AND reason = 'inbound_call'`;
    expect(audited[0]?.n).toBeGreaterThanOrEqual(2);

    await page.getByTestId('hang-up').click();
    await page.getByLabel('Information given').check();
    await page.getByTestId('wrap-up-then').selectOption('offline');
    await page.getByTestId('finish-wrap-up').click();
    await page.locator('[data-testid="desk-state"][data-state="offline"]').waitFor();
    await agentRow('offline').waitFor({ timeout: 3000 });
  });

  it('kept to its own origin and raised no errors in either page', () => {
    expect(agent.outside).toEqual([]);
    expect(supervisor.outside).toEqual([]);
    expect(agent.errors).toEqual([]);
    expect(supervisor.errors).toEqual([]);
  });
});
