import { describe, expect, it } from 'vitest';
import { keyedHash53 } from '../shared/random.js';
import { createSampler, drawSample, planSample, type TSamplingSpec } from './sampler.js';
import { syntheticFrame } from './synthetic-frame.js';
import { AS_OF, row, shuffled } from './testing.js';
import type { TEnrolmentRow } from './row.js';

const frame = [...syntheticFrame({ rows: 20_000, seed: 5, asOf: AS_OF })];
const spec: TSamplingSpec = { seed: 99, stratifyBy: ['scheme', 'district'], allocation: { method: 'proportional', total: 500 }, asOf: AS_OF };

async function* inBatches(rows: readonly TEnrolmentRow[], size: number): AsyncGenerator<readonly TEnrolmentRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

describe('drawSample', () => {
  it('draws exactly the planned size in every stratum, and the strata add up to the total', async () => {
    const { plan, contacts } = await drawSample(frame, spec);
    expect(plan.strata).toHaveLength(20);
    expect(plan.planned).toBe(500);
    expect(plan.achievable).toBe(500);
    expect(contacts).toHaveLength(500);
    for (const stratum of plan.strata) {
      expect(contacts.filter((c) => c.stratum === stratum.stratum)).toHaveLength(stratum.planned);
      expect(stratum.shortfall).toBe(0);
    }
    expect(plan.exact).toBe(true);
  });

  it('allocates in proportion to the eligible rows of each stratum', async () => {
    const { plan } = await drawSample(frame, spec);
    for (const s of plan.strata) {
      const share = (500 * s.eligible) / plan.eligible;
      expect(Math.abs(s.planned - share)).toBeLessThan(1);
    }
  });

  it('gives the same sample for the same seed, in any row order, streamed in batches or not', async () => {
    const first = await drawSample(frame, spec);
    const again = await drawSample(shuffled(frame, 3), spec);
    const streamed = await drawSample(inBatches(shuffled(frame, 4), 700), spec);
    expect(again.contacts).toEqual(first.contacts);
    expect(streamed.contacts).toEqual(first.contacts);
    expect(again.plan).toEqual(first.plan);
  });

  it('draws a different sample for another seed', async () => {
    const a = await drawSample(frame, spec);
    const b = await drawSample(frame, { ...spec, seed: 100 });
    const overlap = b.contacts.filter((c) => a.contacts.some((d) => d.enrolmentId === c.enrolmentId)).length;
    expect(overlap).toBeLessThan(50);
  });

  it('takes the lowest ranks within a stratum, in dial order', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i + 1));
    const { contacts } = await drawSample(rows, { seed: 1, stratifyBy: [], allocation: { method: 'proportional', total: 10 }, asOf: AS_OF });
    const expected = rows.map((r) => ({ id: r.enrolmentId, rank: keyedHash53(1, r.enrolmentId) })).sort((a, b) => a.rank - b.rank).slice(0, 10);
    expect(contacts.map((c) => c.enrolmentId)).toEqual(expected.map((e) => e.id));
  });

  it('gives a household at most one contact, and counts the rows it skipped', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i + 1, { householdId: Math.floor(i / 4) + 1, schemeCode: i % 2 ? 'PDS' : 'OAP' }));
    const { plan, contacts } = await drawSample(rows, { seed: 2, stratifyBy: ['scheme'], allocation: { method: 'fixed', perStratum: 10 }, asOf: AS_OF });
    const households = contacts.map((c) => c.householdId);
    expect(new Set(households).size).toBe(households.length);
    expect(contacts).toHaveLength(10);
    expect(plan.excluded.household_already_sampled).toBe(30);
    expect(plan.planned).toBe(20);
    expect(plan.achievable).toBe(10);
  });

  it('counts every excluded row with its reason, per stratum and in total', async () => {
    const rows = [
      row(1, { dnd: true }),
      row(2, { consent: false }),
      row(3, { mobile: '12345' }),
      row(4, { lastContactedAt: '2026-02-01T00:00:00Z' }),
      row(5, { householdId: 500 }),
      row(6),
      row(7, { gender: 'male', dnd: true }),
    ];
    const plan = await planSample(rows, { seed: 3, stratifyBy: ['gender'], allocation: { method: 'fixed', perStratum: 5 }, asOf: AS_OF, householdsInCampaign: [500] });
    expect(plan.excluded).toEqual({ dnd: 2, no_consent: 1, invalid_mobile: 1, recently_contacted: 1, household_in_campaign: 1, household_already_sampled: 0 });
    expect(plan.strata.map((s) => [s.stratum, s.population, s.eligible, s.planned, s.achievable])).toEqual([
      ['gender=female', 6, 1, 5, 1],
      ['gender=male', 1, 0, 5, 0],
    ]);
  });

  it('keeps the contact window it is given', async () => {
    const rows = [row(1, { lastContactedAt: '2026-01-15T00:00:00Z' })];
    const base = { seed: 3, stratifyBy: [], allocation: { method: 'proportional', total: 1 }, asOf: AS_OF } as const;
    expect((await planSample(rows, base)).excluded.recently_contacted).toBe(1);
    expect((await planSample(rows, { ...base, recentContactDays: 30 })).achievable).toBe(1);
  });

  it('plans equal allocation and shows the shortfall of a small stratum', async () => {
    const rows = [...Array.from({ length: 50 }, (_, i) => row(i + 1)), ...Array.from({ length: 3 }, (_, i) => row(100 + i, { gender: 'other' }))];
    const plan = await planSample(rows, { seed: 4, stratifyBy: ['gender'], allocation: { method: 'equal', total: 20 }, asOf: AS_OF });
    expect(plan.strata.map((s) => [s.stratum, s.planned, s.achievable, s.shortfall])).toEqual([
      ['gender=female', 10, 10, 0],
      ['gender=other', 10, 3, 7],
    ]);
  });

  it('matches an unbounded draw, and says when too little slack made it inexact', () => {
    // every household holds 6 enrolments in the same stratum: the household rule skips most candidates
    const rows = Array.from({ length: 600 }, (_, i) => row(i + 1, { householdId: Math.floor(i / 6) + 1 }));
    const draw = (slack?: number) => {
      const sampler = createSampler({ seed: 8, stratifyBy: [], allocation: { method: 'proportional', total: 40 }, asOf: AS_OF, candidateSlack: slack });
      for (const r of rows) sampler.add(r);
      return sampler.finish();
    };
    const unbounded = draw(10_000);
    const tight = draw(0);
    expect(unbounded.plan.achievable).toBe(40);
    expect(unbounded.plan.exact).toBe(true);
    expect(tight.plan.achievable).toBeLessThan(40);
    expect(tight.plan.exact).toBe(false);
    expect(draw().contacts.slice(0, tight.plan.achievable)).toEqual(unbounded.contacts.slice(0, tight.plan.achievable));
  });

  it('reports inexact even when the rows beyond the kept candidates arrive in rank order', () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i + 1, { householdId: Math.floor(i / 6) + 1 }));
    const byRank = [...rows].sort((a, b) => keyedHash53(8, a.enrolmentId) - keyedHash53(8, b.enrolmentId));
    const sampler = createSampler({ seed: 8, stratifyBy: [], allocation: { method: 'proportional', total: 40 }, asOf: AS_OF, candidateSlack: 0 });
    for (const r of byRank) sampler.add(r);
    const { plan } = sampler.finish();
    expect(plan.achievable).toBeLessThan(40);
    expect(plan.exact).toBe(false);
  });

  it('refuses a seed that is not an integer', () => {
    expect(() => createSampler({ ...spec, seed: 1.5 })).toThrow(RangeError);
  });
});
