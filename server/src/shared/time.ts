/** Samvad stores UTC; people live in India, so dates people see are in Asia/Kolkata. */
export const TIME_ZONE = 'Asia/Kolkata';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in India at this instant, as YYYY-MM-DD. */
export function dateInIndia(at: Date): string {
  return dateFormat.format(at);
}

/** Completed years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined || y === undefined || m === undefined || d === undefined) {
    throw new RangeError(`not a YYYY-MM-DD date: ${birthDate} / ${day}`);
  }
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** Normalises a timestamp from PostgreSQL JSON ("2026-03-12T15:45:00+05:30") to ISO UTC. */
export function toIsoUtc(value: string | Date): string {
  return new Date(value).toISOString();
}
