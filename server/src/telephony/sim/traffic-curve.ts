import { TIME_ZONE } from '../../shared/time.js';
import { exponential, type TRandom } from './random.js';

/**
 * When citizens call a state helpline: the pure decisions behind the demo's traffic. Volume
 * follows the day in India: almost nothing at night, a late-morning peak when offices open and
 * people have queued questions, a lull after lunch, a second peak in the early evening after
 * work, then a fall towards midnight.
 */

const MINUTES_PER_DAY = 1440;
const NIGHT_FLOOR = 0.02;
const BUMPS = [
  // late morning, the busiest hour of the day
  { centre: 11 * 60 + 30, sigma: 100, height: 1 },
  // early evening, a little lower
  { centre: 18 * 60 + 30, sigma: 90, height: 0.8 },
] as const;

const clockParts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** minutes since midnight in India at this instant, with a fraction for the seconds */
export function minuteOfDayInIndia(epochMs: number): number {
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of clockParts.formatToParts(epochMs)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  return hour * 60 + minute + second / 60 + (epochMs % 1000) / 60_000;
}

function rawShape(minute: number): number {
  let value = NIGHT_FLOOR;
  for (const bump of BUMPS) {
    const d = Math.abs(minute - bump.centre);
    const distance = Math.min(d, MINUTES_PER_DAY - d);
    value += bump.height * Math.exp(-(distance * distance) / (2 * bump.sigma * bump.sigma));
  }
  return value;
}

let peakOfShape: number | null = null;

/** relative call volume at a minute of the Indian day, in (0, 1], 1 at the busiest minute */
export function dailyShape(minuteOfDay: number): number {
  if (peakOfShape === null) {
    peakOfShape = 0;
    for (let m = 0; m < MINUTES_PER_DAY; m++) peakOfShape = Math.max(peakOfShape, rawShape(m));
  }
  return Math.min(1, rawShape(minuteOfDay) / peakOfShape);
}

/** expected new calls per minute at this instant, for a helpline whose busiest minute brings `peakPerMinute` */
export function callsPerMinute(epochMs: number, peakPerMinute: number): number {
  return peakPerMinute * dailyShape(minuteOfDayInIndia(epochMs));
}

export type TTrafficCurve = 'day' | 'flat';

/**
 * The next call's arrival after `fromMs`: a Poisson process whose rate follows the day, drawn by
 * thinning (candidates at the peak rate, each kept with probability rate/peak). Null when the
 * rate is zero. A flat curve keeps every candidate: the peak rate at any hour.
 */
export function nextArrival(fromMs: number, peakPerMinute: number, random: TRandom, curve: TTrafficCurve = 'day'): number | null {
  if (!(peakPerMinute > 0)) return null;
  const meanGapMs = 60_000 / peakPerMinute;
  let t = fromMs;
  if (curve === 'flat') return Math.ceil(t + exponential(random, meanGapMs));
  // the night floor keeps about one candidate in fifty: a bound far above any real need
  for (let i = 0; i < 100_000; i++) {
    t += exponential(random, meanGapMs);
    if (random.float() * peakPerMinute <= callsPerMinute(t, peakPerMinute)) return Math.ceil(t);
  }
  return null;
}

/** who calls: a resident from the list, or now and then a number the hub has never seen */
export function pickCaller(random: TRandom, residents: readonly string[], unknownShare: number): string {
  if (residents.length === 0 || random.float() < unknownShare) {
    // an Indian mobile: ten digits starting 6-9
    let number = String(6 + Math.floor(random.float() * 4));
    for (let i = 0; i < 9; i++) number += String(Math.floor(random.float() * 10));
    return `+91${number}`;
  }
  const index = Math.min(residents.length - 1, Math.floor(random.float() * residents.length));
  const resident = residents[index];
  if (resident === undefined) throw new RangeError('no resident at the drawn index');
  return resident;
}
