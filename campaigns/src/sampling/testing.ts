import type { TEnrolmentRow } from './row.js';

export const AS_OF = new Date('2026-03-01T06:30:00Z');

/** a callable row; override what the test is about */
export function row(enrolmentId: number, overrides: Partial<TEnrolmentRow> = {}): TEnrolmentRow {
  return {
    enrolmentId,
    householdId: enrolmentId,
    residentId: enrolmentId,
    schemeCode: 'PDS',
    districtCode: 401,
    blockCode: 40101,
    gender: 'female',
    birthYear: 1980,
    mobile: `+9198${String(enrolmentId).padStart(8, '0')}`,
    lastPaymentStatus: 'credited',
    lastPaymentOn: '2026-02-01',
    dnd: false,
    consent: true,
    lastContactedAt: null,
    ...overrides,
  };
}

/** a deterministic shuffle, so order-independence tests need no real randomness */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}
