import { describe, expect, it } from 'vitest';
import { ageOn, dateInIndia, toIsoUtc } from './time.js';

describe('time in India', () => {
  it('gives the Indian calendar date, which runs 5:30 ahead of UTC', () => {
    expect(dateInIndia(new Date('2026-03-11T18:29:00Z'))).toBe('2026-03-11');
    expect(dateInIndia(new Date('2026-03-11T18:31:00Z'))).toBe('2026-03-12');
  });

  it('counts completed years, turning on the birthday itself', () => {
    expect(ageOn('1980-03-12', '2026-03-11')).toBe(45);
    expect(ageOn('1980-03-12', '2026-03-12')).toBe(46);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(() => ageOn('1980', '2026-01-01')).toThrow(RangeError);
  });

  it('normalises offsets to UTC', () => {
    expect(toIsoUtc('2026-03-12T15:45:00+05:30')).toBe('2026-03-12T10:15:00.000Z');
  });
});
