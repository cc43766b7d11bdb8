import { addDays, indiaDate, indiaInstant, indiaWeekday, parseClock, parseDate } from '../shared/india.js';

export const DEFAULT_WINDOW_START = '09:00';
export const DEFAULT_WINDOW_END = '21:00';

/** When a campaign may call: dates and the daily window in Asia/Kolkata. */
export interface TCallingCalendar {
  /** first and last calling day, YYYY-MM-DD in India, both included */
  startsOn: string;
  endsOn: string;
  /** "HH:MM" in India; the window is [start, end) */
  windowStart: string;
  windowEnd: string;
  /** YYYY-MM-DD */
  holidays: readonly string[];
  /** weekdays without calling, 0 = Sunday */
  restDays: readonly number[];
}

export interface TCallingCalendarInput {
  startsOn: string | Date;
  endsOn: string | Date;
  windowStart?: string;
  windowEnd?: string;
  holidays?: readonly (string | Date)[];
  restDays?: readonly number[];
}

/** a date column (`@db.Date` comes back as UTC midnight) or a YYYY-MM-DD string */
function dateOf(value: string | Date): string {
  return parseDate(typeof value === 'string' ? value : value.toISOString().slice(0, 10));
}

/** a checked calendar with the defaults filled in, from a campaign row or a form */
export function callingCalendar(input: TCallingCalendarInput): TCallingCalendar {
  const calendar: TCallingCalendar = {
    startsOn: dateOf(input.startsOn),
    endsOn: dateOf(input.endsOn),
    windowStart: input.windowStart ?? DEFAULT_WINDOW_START,
    windowEnd: input.windowEnd ?? DEFAULT_WINDOW_END,
    holidays: (input.holidays ?? []).map(dateOf),
    restDays: [...(input.restDays ?? [])],
  };
  if (calendar.endsOn < calendar.startsOn) throw new RangeError('a campaign cannot end before it starts');
  if (parseClock(calendar.windowEnd) <= parseClock(calendar.windowStart)) throw new RangeError('the calling window must end after it starts, on the same day');
  if (calendar.restDays.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) throw new RangeError('rest days are weekdays 0 (Sunday) to 6');
  return calendar;
}

export function isCallingDay(calendar: TCallingCalendar, date: string): boolean {
  if (date < calendar.startsOn || date > calendar.endsOn || calendar.holidays.includes(date)) return false;
  return !calendar.restDays.includes(indiaWeekday(indiaInstant(date, 12 * 60)));
}

/** the window of one day, or null when that day has no calling */
export function windowOn(calendar: TCallingCalendar, date: string): { opensAt: Date; closesAt: Date } | null {
  if (!isCallingDay(calendar, date)) return null;
  return { opensAt: indiaInstant(date, parseClock(calendar.windowStart)), closesAt: indiaInstant(date, parseClock(calendar.windowEnd)) };
}

export function isInsideWindow(calendar: TCallingCalendar, at: Date): boolean {
  const window = windowOn(calendar, indiaDate(at));
  return window !== null && at >= window.opensAt && at < window.closesAt;
}

/** the first window opening strictly after `after`; null when the campaign has no window left */
export function nextWindowOpening(calendar: TCallingCalendar, after: Date): Date | null {
  const today = indiaDate(after);
  for (let date = today < calendar.startsOn ? calendar.startsOn : today; date <= calendar.endsOn; date = addDays(date, 1)) {
    const window = windowOn(calendar, date);
    if (window && window.opensAt > after) return window.opensAt;
  }
  return null;
}

/** `at` itself when it is inside a window, else the next opening; null after the last window */
export function earliestDialableAt(calendar: TCallingCalendar, at: Date): Date | null {
  return isInsideWindow(calendar, at) ? at : nextWindowOpening(calendar, at);
}
