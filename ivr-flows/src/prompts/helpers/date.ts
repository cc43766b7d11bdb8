import { defineHelper, describe, onlyHashKeys, PromptHelperError, type TWordsLanguage } from './context.js';

/**
 * Dates as people say them: day, month name, year ("12 मार्च 2026", "12 March 2026"). The day
 * and year stay numerals: every TTS voice reads those well. Chhattisgarhi uses the Hindi names
 * of the calendar months.
 */

const HI_MONTHS = ['जनवरी', 'फ़रवरी', 'मार्च', 'अप्रैल', 'मई', 'जून', 'जुलाई', 'अगस्त', 'सितंबर', 'अक्टूबर', 'नवंबर', 'दिसंबर'] as const;
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const MONTHS: Record<TWordsLanguage, readonly string[]> = { hi: HI_MONTHS, cg: HI_MONTHS, en: EN_MONTHS };

/** India has one time zone and no daylight saving: UTC+05:30 all year. */
const IST_OFFSET_MS = 330 * 60_000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

interface TDay {
  year: number;
  month: number;
  day: number;
}

function calendarDay(year: number, month: number, day: number, value: string): TDay {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new PromptHelperError(`${JSON.stringify(value)} is not a calendar date`);
  }
  return { year, month, day };
}

/**
 * The day a value names, as seen in India: `YYYY-MM-DD` as it is; an ISO timestamp with a zone
 * (`2026-03-11T20:00:00Z`) moved to India time first, so that it is the 12th; a timestamp without
 * a zone is taken to be India time already.
 */
export function indianDay(value: unknown): TDay {
  if (typeof value !== 'string') throw new PromptHelperError(`expected a date as YYYY-MM-DD or an ISO timestamp, got ${describe(value)}`);
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  const dateTime = dateOnly ? null : DATE_TIME.exec(text);
  const match = dateOnly ?? dateTime;
  if (!match) throw new PromptHelperError(`expected a date as YYYY-MM-DD or an ISO timestamp, got ${describe(value)}`);
  const day = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]), text);
  if (!dateTime) return day;
  if (Number(dateTime[4]) > 23 || Number(dateTime[5]) > 59 || Number(dateTime[6] ?? 0) > 59) {
    throw new PromptHelperError(`${JSON.stringify(text)} is not a valid time of day`);
  }
  if (!dateTime[7]) return day;
  // Date.parse is only specified for "+05:30"; "+0530" is ISO 8601 too.
  const at = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(at)) throw new PromptHelperError(`${JSON.stringify(text)} is not a valid timestamp`);
  const india = new Date(at + IST_OFFSET_MS);
  return { year: india.getUTCFullYear(), month: india.getUTCMonth() + 1, day: india.getUTCDate() };
}

/** `2026-03-12` → "12 मार्च 2026" (hi, cg) / "12 March 2026" (en). */
export function spokenDate(value: unknown, language: TWordsLanguage): string {
  const { year, month, day } = indianDay(value);
  return `${day} ${MONTHS[language][month - 1]} ${year}`;
}

/** `{{date d}}`: a date (YYYY-MM-DD or ISO timestamp) as day, month name and year. */
export const dateHelper = defineHelper('date', 1, ({ args, hash, words }) => {
  onlyHashKeys(hash, []);
  return spokenDate(args[0], words);
});
