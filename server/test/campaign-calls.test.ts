import { randomUUID } from 'node:crypto';
import { createDatabase, type TDatabase } from '@samvad/db';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAuditLog } from '../src/modules/audit/audit.service.js';
import { createCampaignCallService, linkCampaignCall } from '../src/modules/campaigns/campaign-calls.service.js';
import { dateInIndia } from '../src/shared/time.js';
import { auth, createTestContext, type TTestContext } from './helpers.js';

/**
 * The agent's side of a campaign call against the real database: the context of the call (the
 * script filled with the resident's data, the survey's questions), answers stored as given and
 * checked against their questions, and the outcome that wrap-up writes on the contact.
 */
describe('campaign calls at the agent desk', () => {
  let ctx: TTestContext;
  let db: TDatabase;
  let supervisor: string;
  let agent: string;
  let campaignId: number;
  let surveyId: number;
  const contacts: { id: number; residentId: number; householdId: number; phone: string }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    db = createDatabase({ url: inject('databaseUrl'), poolSize: 2 });
    supervisor = await ctx.tokenFor('supervisor1');
    agent = await ctx.tokenFor('agent1');
    surveyId = (await ctx.prisma.survey.findFirstOrThrow({ where: { code: 'benefit-reached', version: 1 } })).id;
    const queueId = (await ctx.prisma.queue.findFirstOrThrow({ where: { code: 'general-hi' } })).id;
    const draft = await request(ctx.app)
      .post('/api/campaigns')
      .set(auth(supervisor))
      .send({
        name: `Desk test ${randomUUID().slice(0, 6)}`,
        schemeCode: 'PDS',
        mode: 'progressive',
        queueId,
        surveyId,
        startsOn: dateInIndia(new Date()),
        endsOn: '2027-12-31',
        sampling: { strata: [], allocation: { method: 'fixed', perStratum: 3 }, recentContactDays: 0 },
        seed: 4242,
      });
    expect(draft.status).toBe(201);
    campaignId = draft.body.id;
    expect((await request(ctx.app).post(`/api/campaigns/${campaignId}/schedule`).set(auth(supervisor))).status).toBe(200);
    const rows = await ctx.prisma.campaignContact.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });
    contacts.push(...rows.map((r) => ({ id: r.id, residentId: r.residentId, householdId: r.householdId, phone: r.phone })));
    expect(contacts.length).toBe(3);
  });

  afterAll(async () => {
    await request(ctx.app).post(`/api/campaigns/${campaignId}/cancel`).set(auth(supervisor));
    await db.close();
  });

  /** what the dialer leaves behind for an answered call: the call row, the attempt, the link */
  async function answeredCall(contactId: number): Promise<string> {
    const contact = contacts.find((c) => c.id === contactId)!;
    const callId = randomUUID();
    await ctx.prisma.call.create({ data: { id: callId, direction: 'outbound', provider: 'sim', fromNumber: '+911600112233', toNumber: contact.phone, offeredAt: new Date() } });
    const attempts = await ctx.prisma.campaignAttempt.count({ where: { contactId } });
    await ctx.prisma.campaignAttempt.create({ data: { campaignId, contactId, attemptNo: attempts + 1, startedAt: new Date(), outcome: 'answered' } });
    await ctx.prisma.campaignContact.update({ where: { id: contactId }, data: { status: 'in_progress', attempts: attempts + 1 } });
    expect(await linkCampaignCall(db.pool, { callId, contactId })).toBe(true);
    return callId;
  }

  it('links the call to the contact: the call row names the campaign and household, the attempt names the call', async () => {
    const callId = await answeredCall(contacts[0]!.id);
    const call = await ctx.prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(call).toMatchObject({ campaignId, campaignContactId: contacts[0]!.id, householdId: contacts[0]!.householdId, residentId: contacts[0]!.residentId });
    const attempt = await ctx.prisma.campaignAttempt.findFirstOrThrow({ where: { contactId: contacts[0]!.id }, orderBy: { attemptNo: 'desc' } });
    expect(attempt.callId).toBe(callId);
  });

  it("gives the script filled with the resident's data, the questions with their options, and audits the view", async () => {
    const contact = contacts[0]!;
    const callId = await answeredCall(contact.id);
    const resident = await ctx.prisma.resident.findUniqueOrThrow({ where: { id: contact.residentId }, include: { household: true } });
    const res = await request(ctx.app).get(`/api/campaign-calls/${callId}`).set(auth(supervisor));
    expect(res.status).toBe(200);
    expect(res.body.campaign).toMatchObject({ id: campaignId, mode: 'progressive', schemeCode: 'PDS' });
    expect(res.body.contact).toMatchObject({ id: contact.id, residentId: contact.residentId, householdId: contact.householdId, attemptNo: 2 });
    expect(res.body.resident).toMatchObject({ nameEn: resident.nameEn, nameHi: resident.nameHi, village: resident.household.village });
    expect(res.body.script.hi).toContain(resident.nameHi);
    expect(res.body.script.en).toContain(resident.nameEn);
    expect(res.body.script.en).toContain(resident.household.village);
    // no template syntax is left for the agent to read out
    expect(res.body.script.en).not.toMatch(/\{\{|\}\}/);
    expect(res.body.survey.questions.map((q: { key: string }) => q.key)).toEqual(['received', 'on_time', 'asked_money', 'satisfaction', 'comments']);
    expect(res.body.survey.questions[0].options).toEqual([
      { key: '1', value: 'received_full', label: { hi: 'पूरा मिला', en: 'Received in full' } },
      { key: '2', value: 'received_partial', label: { hi: 'आंशिक मिला', en: 'Received in part' } },
      { key: '3', value: 'not_received', label: { hi: 'नहीं मिला', en: 'Not received' } },
    ]);
    expect(res.body.answers).toEqual({});
    expect(res.body.outcome).toBeNull();
    const audit = await ctx.prisma.auditLog.findFirst({ where: { action: 'campaign_call.view', callId, subjectId: String(contact.residentId) } });
    expect(audit?.reason).toBe('outbound_call');
  });

  it('refuses a call no campaign placed, and does not show an agent a call they are not on', async () => {
    const callId = randomUUID();
    await ctx.prisma.call.create({ data: { id: callId, direction: 'inbound', provider: 'sim', fromNumber: '+919800000001', toNumber: '+9118002334455', offeredAt: new Date() } });
    expect((await request(ctx.app).get(`/api/campaign-calls/${callId}`).set(auth(supervisor))).status).toBe(404);
    const campaignCall = await answeredCall(contacts[1]!.id);
    const asAgent = await request(ctx.app).get(`/api/campaign-calls/${campaignCall}`).set(auth(agent));
    expect(asAgent.status).toBe(404);
    expect((await request(ctx.app).get('/api/campaign-calls/not-a-uuid').set(auth(supervisor))).status).toBe(400);
  });

  it('stores answers as they are given, checks each against its question, and writes none of a bad batch', async () => {
    const contact = contacts[1]!;
    const callId = await answeredCall(contact.id);
    const put = (answers: unknown) => request(ctx.app).put(`/api/campaign-calls/${callId}/answers`).set(auth(supervisor)).send({ answers });

    const wrongValue = await put([{ questionKey: 'received', answer: 'received_full' }, { questionKey: 'satisfaction', answer: 7 }]);
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.body.error.fields).toEqual([{ field: 'body.answers.1.answer', message: 'must be a whole number from 1 to 5' }]);
    const unknownQuestion = await put([{ questionKey: 'shoe_size', answer: 9 }]);
    expect(unknownQuestion.status).toBe(400);
    expect(unknownQuestion.body.error.fields[0].field).toBe('body.answers.0.questionKey');
    expect((await put([{ questionKey: 'on_time', answer: 'yes' }])).status).toBe(400);
    expect((await put([{ questionKey: 'received', answer: 'maybe' }])).status).toBe(400);
    expect(await ctx.prisma.surveyResponse.count({ where: { callId } })).toBe(0);

    const first = await put([{ questionKey: 'received', answer: 'received_partial' }, { questionKey: 'on_time', answer: false }]);
    expect(first.status).toBe(200);
    expect(first.body.answers).toEqual({ received: 'received_partial', on_time: false });
    // the resident corrects themselves: the later answer replaces the earlier
    const second = await put([{ questionKey: 'received', answer: 'not_received' }, { questionKey: 'comments', answer: '  Dealer says the stock ran out.  ' }]);
    expect(second.body.answers).toEqual({ received: 'not_received', on_time: false, comments: 'Dealer says the stock ran out.' });
    const rows = await ctx.prisma.surveyResponse.findMany({ where: { callId }, orderBy: { questionKey: 'asc' } });
    expect(rows.map((r) => [r.questionKey, r.answer, r.campaignId, r.contactId, r.surveyId, r.residentId])).toEqual([
      ['comments', 'Dealer says the stock ran out.', campaignId, contact.id, surveyId, contact.residentId],
      ['on_time', false, campaignId, contact.id, surveyId, contact.residentId],
      ['received', 'not_received', campaignId, contact.id, surveyId, contact.residentId],
    ]);
    const again = await request(ctx.app).get(`/api/campaign-calls/${callId}`).set(auth(supervisor));
    expect(again.body.answers).toEqual({ received: 'not_received', on_time: false, comments: 'Dealer says the stock ran out.' });
  });

  it('wrap-up of a campaign call needs its outcome, which lands on the contact with the agent; other calls pass', async () => {
    const service = createCampaignCallService({ sql: db.pool, audit: createAuditLog(db.pool) });
    const agentRow = await ctx.prisma.user.findUniqueOrThrow({ where: { username: 'agent1' } });
    const contact = contacts[2]!;
    const callId = await answeredCall(contact.id);
    const then = { state: 'ready' as const };
    await expect(service.beforeWrapUpEnds({ userId: agentRow.id, callId, body: { then } })).rejects.toMatchObject({ message: 'A campaign call needs its outcome before wrap-up ends' });
    expect((await ctx.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } })).status).toBe('in_progress');

    await service.beforeWrapUpEnds({ userId: agentRow.id, callId, body: { then, campaignOutcome: 'refused' } });
    const after = await ctx.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(after).toMatchObject({ status: 'refused', lastOutcome: 'refused', nextAttemptAt: null });
    const attempt = await ctx.prisma.campaignAttempt.findFirstOrThrow({ where: { callId } });
    expect(attempt.agentId).toBe(agentRow.id);
    const event = await ctx.prisma.campaignContactEvent.findFirstOrThrow({ where: { contactId: contact.id, type: 'agent.outcome' } });
    expect(event).toMatchObject({ fromStatus: 'in_progress', toStatus: 'refused' });
    expect((await request(ctx.app).get(`/api/campaign-calls/${callId}`).set(auth(supervisor))).body.outcome).toBe('refused');

    const inbound = randomUUID();
    await ctx.prisma.call.create({ data: { id: inbound, direction: 'inbound', provider: 'sim', fromNumber: '+919800000002', toNumber: '+9118002334455', offeredAt: new Date() } });
    await expect(service.beforeWrapUpEnds({ userId: agentRow.id, callId: inbound, body: { then } })).resolves.toBeUndefined();
  });

  it('an interview cut short is called again after the partial delay while attempts remain, and stays partial after the last', async () => {
    const household = await ctx.prisma.household.findFirstOrThrow({ where: { contacts: { none: { campaignId } } }, orderBy: { id: 'desc' }, skip: 1 });
    const resident = await ctx.prisma.resident.create({
      data: { householdId: household.id, nameEn: 'Test Partial', nameHi: 'परीक्षण आंशिक', gender: 'male', birthDate: new Date('1975-01-01'), relation: 'other', mobile: '+919800000004' },
    });
    const contact = await ctx.prisma.campaignContact.create({ data: { campaignId, residentId: resident.id, householdId: household.id, stratum: 'all', phone: '+919800000004', status: 'pending' } });
    contacts.push({ id: contact.id, residentId: resident.id, householdId: household.id, phone: contact.phone });
    const service = createCampaignCallService({ sql: db.pool, audit: createAuditLog(db.pool) });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const callId = await answeredCall(contact.id);
      const before = Date.now();
      await service.beforeWrapUpEnds({ userId: 1, callId, body: { then: { state: 'ready' }, campaignOutcome: 'partial' } });
      const after = await ctx.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } });
      if (attempt < 3) {
        expect(after, `after attempt ${attempt}`).toMatchObject({ status: 'pending', lastOutcome: 'partial', attempts: attempt });
        // two hours on at the soonest (the default partial delay), moved into the calling window if need be
        expect(after.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 120 * 60_000 - 1000);
      } else {
        expect(after).toMatchObject({ status: 'partial', lastOutcome: 'partial', attempts: 3, nextAttemptAt: null });
      }
    }
  });

  it('a resident who asks never to be called is marked do-not-disturb', async () => {
    // a resident of our own, so no other test's sample sees the flag
    const household = await ctx.prisma.household.findFirstOrThrow({ where: { contacts: { none: { campaignId } } }, orderBy: { id: 'desc' } });
    const resident = await ctx.prisma.resident.create({
      data: { householdId: household.id, nameEn: 'Test Resident', nameHi: 'परीक्षण निवासी', gender: 'female', birthDate: new Date('1980-01-01'), relation: 'other', mobile: '+919800000003' },
    });
    const contact = await ctx.prisma.campaignContact.create({ data: { campaignId, residentId: resident.id, householdId: household.id, stratum: 'all', phone: '+919800000003', status: 'in_progress' } });
    contacts.push({ id: contact.id, residentId: resident.id, householdId: household.id, phone: contact.phone });
    const callId = await answeredCall(contact.id);
    const service = createCampaignCallService({ sql: db.pool, audit: createAuditLog(db.pool) });
    await service.beforeWrapUpEnds({ userId: 1, callId, body: { then: { state: 'ready' }, campaignOutcome: 'dnd' } });
    expect((await ctx.prisma.resident.findUniqueOrThrow({ where: { id: resident.id } })).dnd).toBe(true);
    expect((await ctx.prisma.campaignContact.findUniqueOrThrow({ where: { id: contact.id } })).status).toBe('dnd');
  });
});

describe('survey definitions', () => {
  let ctx: TTestContext;
  let supervisor: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    supervisor = await ctx.tokenFor('supervisor1');
  });

  const definition = (script: string) => ({
    script: { hi: script, en: script },
    questions: [
      { key: 'heard', type: 'yesno', prompt: { hi: 'क्या आपने सुना?', en: 'Did you hear of it?' } },
      { key: 'note', type: 'text', prompt: { hi: 'टिप्पणी', en: 'Note' } },
    ],
    thanks: { hi: 'धन्यवाद', en: 'Thank you' },
  });

  it('lists the seeded survey and serves its definition', async () => {
    const list = await request(ctx.app).get('/api/surveys').set(auth(supervisor));
    expect(list.status).toBe(200);
    const seeded = list.body.surveys.find((s: { code: string }) => s.code === 'benefit-reached');
    expect(seeded).toMatchObject({ version: 1, questionCount: 5 });
    const one = await request(ctx.app).get(`/api/surveys/${seeded.id}`).set(auth(supervisor));
    expect(one.body.definition.questions[4]).toMatchObject({ key: 'comments', type: 'text', maxLength: 1000 });
  });

  it('saves a new survey, and the same code again as its next version', async () => {
    const code = `test-${randomUUID().slice(0, 8)}`;
    const first = await request(ctx.app).post('/api/surveys').set(auth(supervisor)).send({ code, title: 'Awareness', titleHi: 'जागरूकता', definition: definition('Hello {{name}}') });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ code, version: 1, questionCount: 2 });
    const second = await request(ctx.app).post('/api/surveys').set(auth(supervisor)).send({ code, title: 'Awareness v2', titleHi: 'जागरूकता', definition: definition('Namaste {{name}}') });
    expect(second.body.version).toBe(2);
  });

  it('lists a survey stored in a form it cannot read, and names it when asked for, rather than failing', async () => {
    const odd = await ctx.prisma.survey.create({ data: { code: `odd-${randomUUID().slice(0, 8)}`, title: 'Odd', titleHi: 'अजीब', definition: { surveyId: 1, questions: [{ key: 'a' }, { key: 'b' }] } } });
    const list = await request(ctx.app).get('/api/surveys').set(auth(supervisor));
    expect(list.status).toBe(200);
    expect(list.body.surveys.find((s: { id: number }) => s.id === odd.id)).toMatchObject({ questionCount: 2 });
    const one = await request(ctx.app).get(`/api/surveys/${odd.id}`).set(auth(supervisor));
    expect(one.status).toBe(409);
    expect(one.body.error.message).toContain('cannot read');
  });

  it('refuses a template Handlebars cannot read, duplicate keys, and an agent', async () => {
    const broken = await request(ctx.app).post('/api/surveys').set(auth(supervisor)).send({ code: 'broken-one', title: 'Broken', titleHi: 'टूटा', definition: definition('Hello {{#if name}}') });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['body.definition.script.hi', 'body.definition.script.en']);
    const twice = definition('Hello');
    twice.questions[1]!.key = 'heard';
    const duplicate = await request(ctx.app).post('/api/surveys').set(auth(supervisor)).send({ code: 'dupe-one', title: 'Dupe', titleHi: 'दोहरा', definition: twice });
    expect(duplicate.status).toBe(400);
    expect(await ctx.prisma.survey.count({ where: { code: { in: ['broken-one', 'dupe-one'] } } })).toBe(0);
    const agent = await ctx.tokenFor('agent1');
    expect((await request(ctx.app).get('/api/surveys').set(auth(agent))).status).toBe(403);
  });
});
