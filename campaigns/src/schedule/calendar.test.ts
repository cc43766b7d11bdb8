import { describe, expect, it } from 'vitest';
import { callingCalendar, earliestDialableAt, isInsideWindow, nextWindowOpening, windowOn } from './calendar.js';
import { ist } from './testing.js';

// Monday 2 to Friday 13 March 2026; Holi (4 March) is a holiday
const calendar = callingCalendar({ startsOn: '2026-03-02', endsOn: '2026-03-13', holidays: [new Date('2026-03-04T00:00:00Z')] });

describe('calling window', () => {
  it('defaults to 09:00–21:00 in India, start included and end excluded', () => {
    expect(windowOn(calendar, '2026-03-02')).toEqual({ opensAt: new Date('2026-03-02T03:30:00Z'), closesAt: new Date('2026-03-02T15:30:00Z') });
    expect(isInsideWindow(calendar, ist('2026-03-02 08:59'))).toBe(false);
    expect(isInsideWindow(calendar, ist('2026-03-02 09:00'))).toBe(true);
    expect(isInsideWindow(calendar, new Date(ist('2026-03-02 21:00').getTime() - 1))).toBe(true);
    expect(isInsideWindow(calendar, ist('2026-03-02 21:00'))).toBe(false);
  });

  it('has no window on holidays, rest days, or outside the campaign dates', () => {
    expect(isInsideWindow(calendar, ist('2026-03-04 12:00'))).toBe(false);
    expect(isInsideWindow(calendar, ist('2026-03-01 12:00'))).toBe(false);
    expect(isInsideWindow(calendar, ist('2026-03-14 12:00'))).toBe(false);
    const noSundays = callingCalendar({ startsOn: '2026-03-02', endsOn: '2026-03-13', restDays: [0] });
    expect(windowOn(noSundays, '2026-03-08')).toBeNull();
    expect(windowOn(noSundays, '2026-03-07')).not.toBeNull();
  });

  it('finds the next opening: later today, tomorrow, or past a holiday', () => {
    expect(nextWindowOpening(calendar, ist('2026-03-02 07:00'))).toEqual(ist('2026-03-02 09:00'));
    expect(nextWindowOpening(calendar, ist('2026-03-02 09:00'))).toEqual(ist('2026-03-03 09:00'));
    expect(nextWindowOpening(calendar, ist('2026-03-03 21:30'))).toEqual(ist('2026-03-05 09:00'));
    expect(nextWindowOpening(calendar, ist('2026-02-20 12:00'))).toEqual(ist('2026-03-02 09:00'));
    expect(nextWindowOpening(calendar, ist('2026-03-13 10:00'))).toBeNull();
  });

  it('keeps an instant inside the window and moves one outside it to the next opening', () => {
    expect(earliestDialableAt(calendar, ist('2026-03-02 15:17'))).toEqual(ist('2026-03-02 15:17'));
    expect(earliestDialableAt(calendar, ist('2026-03-02 21:00'))).toEqual(ist('2026-03-03 09:00'));
    expect(earliestDialableAt(calendar, ist('2026-03-13 21:00'))).toBeNull();
  });

  it('takes a custom window and refuses impossible ones', () => {
    const evenings = callingCalendar({ startsOn: '2026-03-02', endsOn: '2026-03-02', windowStart: '17:30', windowEnd: '20:00' });
    expect(isInsideWindow(evenings, ist('2026-03-02 17:29'))).toBe(false);
    expect(isInsideWindow(evenings, ist('2026-03-02 17:30'))).toBe(true);
    expect(() => callingCalendar({ startsOn: '2026-03-02', endsOn: '2026-03-02', windowStart: '21:00', windowEnd: '09:00' })).toThrow(RangeError);
    expect(() => callingCalendar({ startsOn: '2026-03-03', endsOn: '2026-03-02' })).toThrow(RangeError);
    expect(() => callingCalendar({ startsOn: '2026-03-02', endsOn: '2026-03-02', restDays: [7] })).toThrow(RangeError);
  });
});
