import { describe, expect, it } from 'vitest';
import { tallyAnswers } from './tally.js';
import { answer, CONTACTS, QUESTIONS } from './testing.js';

describe('tallyAnswers', () => {
  const answers = [
    answer(1, 'received', true),
    answer(2, 'received', false),
    answer(4, 'received', true),
    answer(1, 'quality', 4),
    answer(2, 'quality', 2),
    answer(4, 'quality', 5),
    answer(1, 'shop', 'open'),
    answer(4, 'kg', 35),
    answer(2, 'kg', 20),
    answer(1, 'comment', 'recording:1'),
    answer(null, 'received', false, '2026-03-02T05:00:00Z', 'inbound-call'),
  ];

  it('counts answers per question and stratum', () => {
    const received = tallyAnswers(QUESTIONS, CONTACTS, answers).find((t) => t.key === 'received');
    expect(received?.total).toMatchObject({ n: 4, counts: { true: 2, false: 2 } });
    expect(received?.strata['district=401']).toMatchObject({ n: 2, counts: { true: 1, false: 1 } });
    expect(received?.strata['district=402']).toMatchObject({ n: 1, counts: { true: 1 } });
    expect(received?.strata.unknown).toMatchObject({ n: 1, counts: { false: 1 } });
  });

  it('summarises numbers and ratings', () => {
    const tallies = tallyAnswers(QUESTIONS, CONTACTS, answers);
    expect(tallies.find((t) => t.key === 'kg')?.total).toMatchObject({ n: 2, mean: 27.5, min: 20, max: 35, counts: {} });
    expect(tallies.find((t) => t.key === 'quality')?.total).toMatchObject({ n: 3, mean: 11 / 3, min: 2, max: 5 });
    expect(tallies.find((t) => t.key === 'comment')?.total.n).toBe(1);
  });

  it('counts only the latest answer of a contact to a question', () => {
    const redialled = [answer(1, 'received', false, '2026-03-02T05:00:00Z'), answer(1, 'received', true, '2026-03-03T05:00:00Z', 'second-call')];
    expect(tallyAnswers(QUESTIONS, CONTACTS, redialled).find((t) => t.key === 'received')?.total).toMatchObject({ n: 1, counts: { true: 1 } });
  });

  it('weights choice shares by stratum population when given', () => {
    // 401: 1 of 2 said yes; 402: 1 of 1 said yes. 402 is three times as large
    const received = tallyAnswers(QUESTIONS, CONTACTS, answers.slice(0, 3), { 'district=401': 1000, 'district=402': 3000 }).find((t) => t.key === 'received');
    expect(received?.weightedShares?.true).toBeCloseTo(0.25 * 0.5 + 0.75 * 1);
    expect(received?.weightedShares?.false).toBeCloseTo(0.125);
    expect(tallyAnswers(QUESTIONS, CONTACTS, answers)[0]?.weightedShares).toBeNull();
  });
});
