import { describe, expect, it } from 'vitest';
import { ageBandOf, createStratifier, paymentBandOf } from './strata.js';
import { AS_OF, row } from './testing.js';

describe('age bands', () => {
  it('names bands by their bounds, with an open top and bottom', () => {
    const bands = [18, 30, 45, 60];
    expect(ageBandOf(17, bands)).toBe('<18');
    expect(ageBandOf(18, bands)).toBe('18-29');
    expect(ageBandOf(29, bands)).toBe('18-29');
    expect(ageBandOf(30, bands)).toBe('30-44');
    expect(ageBandOf(60, bands)).toBe('60+');
    expect(ageBandOf(99, bands)).toBe('60+');
  });
});

describe('payment bands', () => {
  const since = Date.parse('2025-12-01T06:30:00Z'); // three months before AS_OF
  it('marks a failure inside the window as recent, and an older one as failed', () => {
    expect(paymentBandOf({ lastPaymentStatus: 'failed', lastPaymentOn: '2026-01-01' }, since)).toBe('failed_recent');
    expect(paymentBandOf({ lastPaymentStatus: 'failed', lastPaymentOn: '2025-11-01' }, since)).toBe('failed');
    expect(paymentBandOf({ lastPaymentStatus: 'credited', lastPaymentOn: '2026-02-01' }, since)).toBe('credited');
    expect(paymentBandOf({ lastPaymentStatus: null, lastPaymentOn: null }, since)).toBe('none');
  });
});

describe('stratum keys', () => {
  it('joins the chosen dimensions in the order asked', () => {
    const stratifier = createStratifier({ dimensions: ['district', 'scheme', 'gender', 'ageBand', 'paymentStatus', 'block'], asOf: AS_OF });
    const key = stratifier.keyOf(row(1, { birthYear: 1960, lastPaymentStatus: 'failed', lastPaymentOn: new Date('2026-02-01') }));
    expect(key).toBe('district=401;scheme=PDS;gender=female;ageBand=60+;paymentStatus=failed_recent;block=40101');
  });

  it('uses the window it is given for recent failures', () => {
    const failedInDecember = row(1, { lastPaymentStatus: 'failed', lastPaymentOn: '2025-12-15' });
    expect(createStratifier({ dimensions: ['paymentStatus'], asOf: AS_OF, recentFailureMonths: 1 }).keyOf(failedInDecember)).toBe('paymentStatus=failed');
    expect(createStratifier({ dimensions: ['paymentStatus'], asOf: AS_OF, recentFailureMonths: 3 }).keyOf(failedInDecember)).toBe('paymentStatus=failed_recent');
  });

  it('puts everything in one stratum when there is no dimension', () => {
    expect(createStratifier({ dimensions: [], asOf: AS_OF }).keyOf(row(1))).toBe('all');
  });

  it('refuses age bands out of order', () => {
    expect(() => createStratifier({ dimensions: ['ageBand'], asOf: AS_OF, ageBands: [30, 18] })).toThrow(RangeError);
  });
});
