// Dates as whole days since 1970-01-01 (UTC) so the generator does integer arithmetic and never
// reads the clock; formatting to text happens once per distinct day thanks to a cache.

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  if (isoDate(day) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return day;
}

const dateCache = new Map<number, string>();

/** YYYY-MM-DD for a day number; cached because the same few thousand days recur millions of times */
export function isoDate(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dateCache.size < 200_000) dateCache.set(day, s);
  }
  return s;
}

/** year and 1-based month of a day number */
export function ymOf(day: number): { year: number; month: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

/** first day of the month that is `delta` months from the month containing `day` */
export function monthStart(day: number, delta = 0): number {
  const c = civilFromDays(day);
  const months = c.y * 12 + (c.m - 1) + delta;
  return daysFromCivil(Math.floor(months / 12), (months % 12 + 12) % 12 + 1, 1);
}

export function daysInMonth(monthStartDay: number): number {
  return monthStart(monthStartDay, 1) - monthStartDay;
}

// Civil-date arithmetic on day numbers without Date objects (H. Hinnant's algorithms): the
// generator computes millions of ages and birthdays.
function civilFromDays(z0: number): { y: number; m: number; d: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** whole years between two day numbers, as a person's age is counted */
export function ageInYears(birthDay: number, onDay: number): number {
  const b = civilFromDays(birthDay);
  const o = civilFromDays(onDay);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

/** the same calendar day `years` earlier (29 February falls back to 28) */
export function yearsBefore(day: number, years: number): number {
  const c = civilFromDays(day);
  const y = c.y - years;
  const d = c.m === 2 && c.d === 29 && !isLeap(y) ? 28 : c.d;
  return daysFromCivil(y, c.m, d);
}

/** a timestamp (ms since the epoch) at a local time of day in India (UTC+05:30) */
export function istTimestamp(day: number, minutesAfterMidnightIst: number): number {
  return day * MS_PER_DAY + (minutesAfterMidnightIst - 330) * 60_000;
}

/** ISO-8601 in UTC with milliseconds, which timestamptz(3) reads back unchanged */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

export function dayOfTimestamp(ms: number): number {
  return Math.floor((ms + 330 * 60_000) / MS_PER_DAY);
}
