/**
 * India keeps one time zone without daylight saving (UTC+05:30 since 1945), so converting to
 * and from Asia/Kolkata is a fixed offset: exact, and far cheaper than Intl on hot paths.
 */
const IST_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** the calendar date in India, YYYY-MM-DD */
export function indiaDate(at: Date): string {
  return new Date(at.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/** minutes since midnight in India */
export function indiaMinuteOfDay(at: Date): number {
  const ms = (at.getTime() + IST_OFFSET_MS) % DAY_MS;
  return Math.floor((ms < 0 ? ms + DAY_MS : ms) / 60_000);
}

/** day of the week in India, 0 = Sunday */
export function indiaWeekday(at: Date): number {
  return new Date(at.getTime() + IST_OFFSET_MS).getUTCDay();
}

/** "HH:MM" → minutes since midnight; throws on anything else */
export function parseClock(hhmm: string): number {
  const m = CLOCK.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** checks a YYYY-MM-DD date and returns it */
export function parseDate(date: string): string {
  const m = DATE.exec(date);
  if (!m || Number.isNaN(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return date;
}

/** the instant of a date and minute of the day in India */
export function indiaInstant(date: string, minuteOfDay: number): Date {
  return new Date(Date.parse(`${parseDate(date)}T00:00:00Z`) - IST_OFFSET_MS + minuteOfDay * 60_000);
}

/** the date `days` after a YYYY-MM-DD date */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${parseDate(date)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** already +91 and ten digits starting 6–9: the common case, checked without allocating */
function isE164Mobile(raw: string): boolean {
  if (raw.length !== 13 || raw.charCodeAt(0) !== 43 || raw.charCodeAt(1) !== 57 || raw.charCodeAt(2) !== 49) return false;
  const first = raw.charCodeAt(3);
  if (first < 54 || first > 57) return false;
  for (let i = 4; i < 13; i += 1) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A mobile number as E.164 (+91 and ten digits starting 6–9), from the forms lists hold:
 * +91…, 91…, 0…, or ten digits, with spaces or hyphens. Anything else: null. A first digit of
 * 6–9 is what mobile numbers share; a few landline areas (0771 Raipur) also start with 7 or 8,
 * and only the operators' number plan would tell them apart.
 */
export function indianMobileE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  if (isE164Mobile(raw)) return raw;
  const digits = raw.replace(/[\s-]/g, '');
  const m = /^(?:\+91|91|0)?([6-9]\d{9})$/.exec(digits);
  return m ? `+91${m[1]}` : null;
}
