import type { TCalendar } from '../flow/schema.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const format = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Kolkata',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

/** the date, weekday and minute of the day in India for an instant */
export function indiaTime(iso: string): { date: string; day: (typeof DAYS)[number]; minute: number } {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not a time: ${iso}`);
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const day = DAYS.find((d) => d === (parts.weekday ?? '').slice(0, 3).toLowerCase());
  if (!day) throw new RangeError(`no weekday for ${iso}`);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** open at that instant: a working day that is no holiday, inside one of its intervals */
export function isOpen(calendar: TCalendar, iso: string): boolean {
  const { date, day, minute } = indiaTime(iso);
  if (calendar.holidays.includes(date)) return false;
  return (calendar.weekly[day] ?? []).some((interval) => {
    const [from = '', to = ''] = interval.split('-');
    return minute >= minutes(from) && minute < minutes(to);
  });
}
