import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { auth, createTestContext, type TTestContext } from './helpers.js';

describe('household cards and the screen-pop', () => {
  let ctx: TTestContext;
  let agent: string;
  let officer: string;
  let sharedPhone: string;
  let sharedHouseholdId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    agent = await ctx.tokenFor('agent1');
    officer = await ctx.tokenFor('officer1');
    // a phone shared by several members of one household, in a household with enrolments
    const [row] = await ctx.prisma.$queryRaw<{ mobile: string; household_id: number }[]>`
      SELECT r.mobile, r.household_id FROM residents r
      WHERE r.mobile IS NOT NULL AND EXISTS (SELECT 1 FROM enrolments e WHERE e.household_id = r.household_id)
      GROUP BY r.mobile, r.household_id HAVING count(*) > 1 ORDER BY r.household_id LIMIT 1`;
    if (!row) throw new Error('the seed has no shared family phone');
    sharedPhone = row.mobile;
    sharedHouseholdId = row.household_id;
  });

  const national = (e164: string) => `0${e164.slice(3)}`;

  it('pops the household card for a caller, whatever form the number comes in', async () => {
    const callId = randomUUID();
    const forms = [sharedPhone, national(sharedPhone), `${sharedPhone.slice(3, 8)}-${sharedPhone.slice(8)}`];
    for (const form of forms) {
      const res = await request(ctx.app)
        .get(`/api/households/by-phone/${encodeURIComponent(form)}`)
        .query({ reason: 'inbound_call', callId })
        .set(auth(agent));
      expect(res.status).toBe(200);
      expect(res.body.phone).toBe(sharedPhone);
      expect(res.body.households.map((h: { id: number }) => h.id)).toContain(sharedHouseholdId);
    }
  });

  it('shows members, masked Aadhaar, schemes with the last payments, applications, grievances and calls', async () => {
    const res = await request(ctx.app)
      .get(`/api/households/${sharedHouseholdId}`)
      .query({ reason: 'caller_identification' })
      .set(auth(agent));
    expect(res.status).toBe(200);
    const card = res.body;
    const members = await ctx.prisma.resident.findMany({ where: { householdId: sharedHouseholdId } });
    expect(card.members).toHaveLength(members.length);
    expect(card.members[0].relation).toBe('head');
    for (const m of card.members) {
      expect(m.age).toBeGreaterThanOrEqual(0);
      expect(m.aadhaar === null || /^XXXX XXXX \d{4}$/.test(m.aadhaar)).toBe(true);
      expect(JSON.stringify(m)).not.toMatch(/aadhaarHash|aadhaar_hash/);
    }
    expect(card.members.filter((m: { mobile: string | null }) => m.mobile === sharedPhone).length).toBeGreaterThan(1);
    expect(card.schemes.length).toBeGreaterThan(0);
    for (const scheme of card.schemes) {
      expect(scheme.payments.length).toBeLessThanOrEqual(12);
      const periods = scheme.payments.map((p: { period: string }) => p.period);
      expect(periods).toEqual([...periods].sort().reverse());
      expect(typeof scheme.inKind).toBe('boolean');
      expect(scheme.failedPayments).toBe(scheme.payments.filter((p: { status: string }) => p.status === 'failed').length);
    }
    for (const key of ['openApplications', 'recentGrievances', 'recentCalls']) expect(Array.isArray(card[key])).toBe(true);
    expect(card.district.name).toBeTruthy();
    expect(card.location.lat).toBeGreaterThan(17);
  });

  it('shows failed payments with their reasons', async () => {
    const [row] = await ctx.prisma.$queryRaw<{ household_id: number; failure_reason: string }[]>`
      SELECT e.household_id, p.failure_reason FROM benefit_payments p JOIN enrolments e ON e.id = p.enrolment_id
      WHERE p.status = 'failed' ORDER BY p.id LIMIT 1`;
    expect(row).toBeDefined();
    const res = await request(ctx.app).get(`/api/households/${row!.household_id}`).query({ reason: 'grievance_follow_up' }).set(auth(agent));
    const failed = res.body.schemes.flatMap((s: { payments: { status: string; failureReason: string }[] }) => s.payments.filter((p) => p.status === 'failed'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((p: { failureReason: string }) => p.failureReason.length > 0)).toBe(true);
  });

  it('writes an audit row per card view with who, why and the call', async () => {
    const callId = randomUUID();
    const before = new Date();
    const res = await request(ctx.app).get(`/api/households/by-phone/${sharedPhone}`).query({ reason: 'inbound_call', callId }).set(auth(agent));
    const rows = await ctx.prisma.auditLog.findMany({ where: { callId }, include: { actor: true } });
    expect(rows).toHaveLength(res.body.households.length);
    for (const row of rows) {
      expect(row.actor?.username).toBe('agent1');
      expect(row.reason).toBe('inbound_call');
      expect(row.subjectType).toBe('household');
      expect(row.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    }
    expect(rows.map((r) => Number(r.subjectId)).sort()).toEqual(res.body.households.map((h: { id: number }) => h.id).sort());

    await request(ctx.app).get(`/api/households/${sharedHouseholdId}`).query({ reason: 'quality_review' }).set(auth(agent));
    const single = await ctx.prisma.auditLog.findFirst({ where: { subjectId: String(sharedHouseholdId), reason: 'quality_review' } });
    expect(single?.action).toBe('household.view');
  });

  it('masks phone numbers for officers', async () => {
    const res = await request(ctx.app).get(`/api/households/${sharedHouseholdId}`).query({ reason: 'officer_case_work' }).set(auth(officer));
    expect(res.status).toBe(200);
    const phones = res.body.members.map((m: { mobile: string | null }) => m.mobile).filter(Boolean);
    expect(phones.length).toBeGreaterThan(0);
    for (const phone of phones) expect(phone).toMatch(/^\+91\*{6}\d{4}$/);
    expect(JSON.stringify(res.body)).not.toContain(sharedPhone);
  });

  it('returns no households for a number nobody has', async () => {
    const res = await request(ctx.app).get('/api/households/by-phone/+916000000001').query({ reason: 'caller_identification' }).set(auth(agent));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ phone: '+916000000001', households: [] });
  });

  it.each([
    ['a garbage phone', '/api/households/by-phone/not-a-phone?reason=caller_identification', 'params.phone'],
    ['no reason', '/api/households/1', 'query.reason'],
    ['an unknown reason', '/api/households/1?reason=curiosity', 'query.reason'],
    ['a call reason without a call', '/api/households/1?reason=inbound_call', 'query.callId'],
    ['a malformed call id', '/api/households/1?reason=inbound_call&callId=abc', 'query.callId'],
    ['a non-numeric id', '/api/households/abc?reason=caller_identification', 'params.id'],
  ])('answers 400 naming the field for %s', async (_label, path, field) => {
    const res = await request(ctx.app).get(path).set(auth(agent));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('answers 404 for a household that does not exist, and audits nothing', async () => {
    const res = await request(ctx.app).get('/api/households/99999999').query({ reason: 'caller_identification' }).set(auth(agent));
    expect(res.status).toBe(404);
    expect(await ctx.prisma.auditLog.count({ where: { subjectId: '99999999' } })).toBe(0);
  });
});
