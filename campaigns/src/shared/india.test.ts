import { describe, expect, it } from 'vitest';
import { addDays, indiaDate, indiaInstant, indiaMinuteOfDay, indiaWeekday, indianMobileE164, parseClock, parseDate } from './india.js';

describe('India time', () => {
  it('reads the date and minute in Asia/Kolkata, across the UTC date line', () => {
    const at = new Date('2026-03-11T20:00:00Z'); // 01:30 on the 12th in India
    expect(indiaDate(at)).toBe('2026-03-12');
    expect(indiaMinuteOfDay(at)).toBe(90);
    expect(indiaWeekday(at)).toBe(4); // Thursday
  });

  it('builds the instant of an Indian date and time', () => {
    expect(indiaInstant('2026-03-12', 9 * 60).toISOString()).toBe('2026-03-12T03:30:00.000Z');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('rejects malformed clocks and dates', () => {
    expect(parseClock('21:00')).toBe(1260);
    expect(() => parseClock('9:00')).toThrow(RangeError);
    expect(() => parseClock('24:00')).toThrow(RangeError);
    expect(() => parseDate('2026-02-30')).toThrow(RangeError);
  });
});

describe('indianMobileE164', () => {
  it('normalises the forms lists hold', () => {
    for (const raw of ['+919876543210', '919876543210', '09876543210', '9876543210', '+91 98765-43210']) {
      expect(indianMobileE164(raw)).toBe('+919876543210');
    }
  });

  it('refuses landlines, short numbers, other countries and blanks', () => {
    for (const raw of ['+91771234567', '+911123456789', '+915123456789', '98765', '+449876543210', '', null]) {
      expect(indianMobileE164(raw)).toBeNull();
    }
  });
});
