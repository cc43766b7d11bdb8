import { describe, expect, it } from 'vitest';
import { abandonmentReport } from './abandonment.js';
import { contactRates } from './rates.js';
import { CONTACTS } from './testing.js';

describe('contactRates', () => {
  it('computes contact, completion, refusal and cooperation rates, in total and per stratum', () => {
    const { total, strata } = contactRates(CONTACTS);
    expect(total).toMatchObject({ sampled: 5, contacted: 4, contactRate: 0.8, completionRate: 0.6, refusalRate: 0.25, cooperationRate: 0.75 });
    expect(total.byStatus.unreachable).toBe(1);
    expect(strata['district=401']).toMatchObject({ sampled: 2, completionRate: 1, refusalRate: 0 });
    expect(strata['district=402']).toMatchObject({ sampled: 3, contacted: 2, completionRate: 1 / 3, refusalRate: 0.5 });
  });

  it('leaves a rate empty when it has no denominator', () => {
    expect(contactRates([{ contactId: 1, stratum: 'a', status: 'unreachable' }]).total).toMatchObject({ contactRate: 0, refusalRate: null, cooperationRate: null });
    expect(contactRates([]).total.contactRate).toBeNull();
  });
});

describe('abandonmentReport', () => {
  it('measures abandonment against answered calls, per day in India and over the campaign', () => {
    const attempts = [
      { contactId: 1, startedAt: new Date('2026-03-02T04:00:00Z'), outcome: 'answered' as const },
      { contactId: 2, startedAt: new Date('2026-03-02T05:00:00Z'), outcome: 'abandoned' as const },
      { contactId: 3, startedAt: new Date('2026-03-02T06:00:00Z'), outcome: 'no_answer' as const },
      // 19:00 UTC on the 2nd is already the 3rd in India
      { contactId: 4, startedAt: new Date('2026-03-02T19:00:00Z'), outcome: 'answered' as const },
      { contactId: 5, startedAt: new Date('2026-03-03T06:00:00Z'), outcome: null },
    ];
    const report = abandonmentReport(attempts);
    expect(report.days).toEqual([
      { date: '2026-03-02', answered: 2, abandoned: 1, pct: 50 },
      { date: '2026-03-03', answered: 1, abandoned: 0, pct: 0 },
    ]);
    expect(report.campaign).toEqual({ answered: 3, abandoned: 1, pct: 100 / 3 });
  });
});
