import type { TFieldProblem } from '../../api/client.js';
import { DEFAULT_ABANDON_CAP_PCT } from '../../../../campaigns/src/pacing/abandonment.js';
import { DEFAULT_RETRY_POLICY } from '../../../../campaigns/src/schedule/retry-policy.js';
import {
  RETRY_KEYS,
  STRATUM_DIMENSIONS,
  type TAllocationMethod,
  type TCampaignDraft,
  type TCampaignMode,
  type TRetryKey,
  type TStratumDimension,
} from './campaign-admin.api.js';

/**
 * The campaign form as typed: every input as its text, so nothing a person entered is lost or
 * rewritten while the server checks it. `toDraft` turns it into the request; the server's
 * schema is the one judge of what is valid.
 */
export interface TCampaignFormValues {
  name: string;
  description: string;
  schemeCode: string;
  queueId: string;
  mode: TCampaignMode;
  surveyId: string;
  callerId: string;
  startsOn: string;
  endsOn: string;
  windowStart: string;
  windowEnd: string;
  holidays: string[];
  maxAttempts: string;
  retry: Record<TRetryKey, string>;
  abandonCapPercent: string;
  strata: TStratumDimension[];
  allocation: TAllocationMethod;
  size: string;
  recentContactDays: string;
  seed: string;
}

/** A calendar date in Asia/Kolkata, `days` after the instant given. */
export function kolkataDate(at: Date, days = 0): string {
  const shifted = new Date(at.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit' }).format(shifted);
}

/** The defaults the server would apply, written out so the person sees them. */
export function initialValues(now: Date): TCampaignFormValues {
  return {
    name: '',
    description: '',
    schemeCode: '',
    queueId: '',
    mode: 'preview',
    surveyId: '',
    callerId: '',
    startsOn: kolkataDate(now, 1),
    endsOn: kolkataDate(now, 14),
    windowStart: '09:00',
    windowEnd: '21:00',
    holidays: [],
    maxAttempts: String(DEFAULT_RETRY_POLICY.maxAttempts),
    retry: { busyMinutes: '', noAnswerMinutes: '', machineMinutes: '', partialMinutes: '', abandonedQuietHours: '' },
    abandonCapPercent: String(DEFAULT_ABANDON_CAP_PCT),
    strata: [],
    allocation: 'proportional',
    size: '',
    recentContactDays: '90',
    seed: '1',
  };
}

/** "" → left out (the server's default or its complaint); anything else → a number, or NaN for the server to refuse. */
function numberOrNothing(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return Number(trimmed);
}

function textOrNothing(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The request body. Empty optional inputs are left out so the server's defaults apply; a
 * number that does not parse is sent as it is (JSON turns NaN into null), so the server names
 * the field.
 */
export function toDraft(values: TCampaignFormValues): TCampaignDraft {
  const size = numberOrNothing(values.size);
  const retryPolicy: Partial<Record<TRetryKey, number>> = {};
  for (const key of RETRY_KEYS) {
    const value = numberOrNothing(values.retry[key]);
    if (value !== undefined) retryPolicy[key] = value;
  }
  const allocation =
    values.allocation === 'fixed'
      ? { method: 'fixed' as const, perStratum: size }
      : { method: values.allocation, total: size };
  return {
    name: values.name,
    description: textOrNothing(values.description),
    schemeCode: textOrNothing(values.schemeCode),
    mode: values.mode,
    surveyId: numberOrNothing(values.surveyId),
    queueId: numberOrNothing(values.queueId),
    callerId: textOrNothing(values.callerId),
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    windowStart: values.windowStart,
    windowEnd: values.windowEnd,
    holidays: values.holidays,
    maxAttempts: numberOrNothing(values.maxAttempts),
    retryPolicy,
    abandonCapPercent: numberOrNothing(values.abandonCapPercent),
    sampling: {
      strata: STRATUM_DIMENSIONS.filter((d) => values.strata.includes(d)),
      allocation,
      recentContactDays: numberOrNothing(values.recentContactDays),
    },
    seed: numberOrNothing(values.seed),
  };
}

/** The form's own name for each field of the request that a person can correct. */
export type TFormField =
  | 'name'
  | 'description'
  | 'schemeCode'
  | 'queueId'
  | 'mode'
  | 'surveyId'
  | 'callerId'
  | 'startsOn'
  | 'endsOn'
  | 'windowStart'
  | 'windowEnd'
  | 'holidays'
  | 'maxAttempts'
  | `retry.${TRetryKey}`
  | 'abandonCapPercent'
  | 'strata'
  | 'allocation'
  | 'size'
  | 'recentContactDays'
  | 'seed';

/** "body.sampling.allocation.perStratum" → "size"; a path the form has no input for → null. */
export function formFieldOf(path: string): TFormField | null {
  const parts = path.split('.');
  if (parts[0] === 'body') parts.shift();
  const [first, second, third] = parts;
  switch (first) {
    case 'name':
    case 'description':
    case 'schemeCode':
    case 'queueId':
    case 'mode':
    case 'surveyId':
    case 'callerId':
    case 'startsOn':
    case 'endsOn':
    case 'windowStart':
    case 'windowEnd':
    case 'holidays':
    case 'maxAttempts':
    case 'abandonCapPercent':
    case 'seed':
      return first;
    case 'retryPolicy':
      return second !== undefined && (RETRY_KEYS as readonly string[]).includes(second) ? (`retry.${second}` as TFormField) : null;
    case 'sampling':
      if (second === 'strata') return 'strata';
      if (second === 'recentContactDays') return 'recentContactDays';
      if (second === 'allocation') return third === 'total' || third === 'perStratum' ? 'size' : 'allocation';
      return null;
    default:
      return null;
  }
}

/** The server's problems grouped by the input they belong to; those with no input stay apart. */
export function problemsByField(problems: readonly TFieldProblem[]): { byField: Partial<Record<TFormField, string[]>>; other: TFieldProblem[] } {
  const byField: Partial<Record<TFormField, string[]>> = {};
  const other: TFieldProblem[] = [];
  for (const problem of problems) {
    const field = formFieldOf(problem.field);
    if (field === null) {
      other.push(problem);
      continue;
    }
    (byField[field] ??= []).push(problem.message);
  }
  return { byField, other };
}

export type TProblemText = { key: string; values?: Record<string, string | number> } | null;

/**
 * The server's wording of a problem as a key of the interface's own text, so it reads in the
 * person's language; null when the wording is not one of the known ones (then it is shown as
 * the server wrote it).
 */
export function problemKey(message: string): TProblemText {
  const known: [RegExp, (m: RegExpExecArray) => TProblemText][] = [
    [/^is before startsOn$/, () => ({ key: 'endsBeforeStart' })],
    [/^must be after windowStart$/, () => ({ key: 'windowEndsBeforeStart' })],
    [/^is required for (\w+) campaigns$/, (m) => ({ key: 'queueRequired', values: { mode: m[1] ?? '' } })],
    [/^must be a date YYYY-MM-DD$/, () => ({ key: 'notADate' })],
    [/^must be a time HH:MM$/, () => ({ key: 'notATime' })],
    [/^is not a valid phone number$/, () => ({ key: 'notAPhone' })],
    [/^no scheme has the code/, () => ({ key: 'unknownScheme' })],
    [/^no survey has the id/, () => ({ key: 'unknownSurvey' })],
    [/^no queue has the id/, () => ({ key: 'unknownQueue' })],
    [/^lists a dimension twice$/, () => ({ key: 'dimensionTwice' })],
    [/^Too small: expected string to have >=1 characters?$/, () => ({ key: 'required' })],
    [/^Invalid input: expected \w+, received (undefined|null|NaN)$/, () => ({ key: 'required' })],
    [/^Invalid input: expected int, received number$/, () => ({ key: 'wholeNumber' })],
    [/^Too small: expected number to be >=?(-?[\d.]+)$/, (m) => ({ key: 'atLeast', values: { min: m[1] ?? '' } })],
    [/^Too big: expected number to be <=?(-?[\d.]+)$/, (m) => ({ key: 'atMost', values: { max: m[1] ?? '' } })],
    [/^Too big: expected string to have <=(\d+) characters?$/, (m) => ({ key: 'tooLong', values: { max: m[1] ?? '' } })],
  ];
  for (const [pattern, make] of known) {
    const match = pattern.exec(message);
    if (match) return make(match);
  }
  return null;
}

/** A caller ID as the server will store it, to warn (not refuse) when it is not a 1600-series number. */
export function looksLike1600(callerId: string): boolean {
  const digits = callerId.replace(/[^\d]/g, '');
  const national = digits.startsWith('91') && digits.length > 10 ? digits.slice(2) : digits.replace(/^0/, '');
  return national.startsWith('1600');
}
