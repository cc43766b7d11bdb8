import { indiaDate } from '../shared/india.js';
import { instantMs, type TEnrolmentRow } from './row.js';

export const STRATUM_DIMENSIONS = ['scheme', 'district', 'block', 'gender', 'ageBand', 'paymentStatus'] as const;
export type TStratumDimension = (typeof STRATUM_DIMENSIONS)[number];

/** lower bounds of the age bands: [18, 30, 45, 60] gives <18, 18-29, 30-44, 45-59, 60+ */
export const DEFAULT_AGE_BANDS: readonly number[] = [18, 30, 45, 60];
export const DEFAULT_RECENT_FAILURE_MONTHS = 3;

/**
 * `failed_recent`: the latest instalment failed within the recent window (the people a
 * "did your money arrive?" campaign most wants to hear from); `failed`: it failed earlier;
 * otherwise the latest status, or `none` when nothing was ever paid.
 */
export type TPaymentBand = 'failed_recent' | 'failed' | 'credited' | 'pending' | 'none';

export interface TStratifier {
  dimensions: readonly TStratumDimension[];
  /** the stratum key of a row, e.g. "scheme=NSAP-OAP;ageBand=60+" ("all" with no dimension) */
  keyOf(row: TEnrolmentRow): string;
}

export interface TStratifierOptions {
  dimensions: readonly TStratumDimension[];
  asOf: Date;
  ageBands?: readonly number[];
  recentFailureMonths?: number;
}

/** index of the band an age falls in; -1 below the first bound */
export function ageBandIndex(age: number, bands: readonly number[]): number {
  let index = -1;
  for (let i = 0; i < bands.length; i += 1) if (age >= (bands[i] ?? Infinity)) index = i;
  return index;
}

export function ageBandLabel(index: number, bands: readonly number[]): string {
  if (index < 0) return `<${bands[0] ?? 0}`;
  const next = bands[index + 1];
  return next === undefined ? `${bands[index]}+` : `${bands[index]}-${next - 1}`;
}

export function ageBandOf(age: number, bands: readonly number[]): string {
  return ageBandLabel(ageBandIndex(age, bands), bands);
}

/** the start of the recent-failure window: the same day `months` calendar months earlier */
export function monthsBefore(asOf: Date, months: number): number {
  const d = new Date(asOf.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export function paymentBandOf(row: Pick<TEnrolmentRow, 'lastPaymentStatus' | 'lastPaymentOn'>, recentSinceMs: number): TPaymentBand {
  if (row.lastPaymentStatus === null) return 'none';
  if (row.lastPaymentStatus !== 'failed') return row.lastPaymentStatus;
  return row.lastPaymentOn !== null && instantMs(row.lastPaymentOn) >= recentSinceMs ? 'failed_recent' : 'failed';
}

interface TKeyNode {
  key: string;
  children: Map<string | number, TKeyNode>;
}

/**
 * Keys are looked up in a small trie of the dimension values rather than built per row: a frame
 * of a million rows then allocates one string per stratum, not one per row.
 */
export function createStratifier(options: TStratifierOptions): TStratifier {
  const dimensions = [...new Set(options.dimensions)];
  const bands = [...(options.ageBands ?? DEFAULT_AGE_BANDS)];
  if (bands.some((b, i) => i > 0 && b <= (bands[i - 1] ?? -Infinity))) throw new RangeError('age bands must be strictly increasing');
  const year = Number(indiaDate(options.asOf).slice(0, 4));
  const recentSince = monthsBefore(options.asOf, options.recentFailureMonths ?? DEFAULT_RECENT_FAILURE_MONTHS);
  const valueOf: Record<TStratumDimension, (row: TEnrolmentRow) => string | number> = {
    scheme: (row) => row.schemeCode,
    district: (row) => row.districtCode,
    block: (row) => row.blockCode,
    gender: (row) => row.gender,
    // the age reached this calendar year: birth dates are held, but a year is all the frame needs
    ageBand: (row) => ageBandIndex(year - row.birthYear, bands),
    paymentStatus: (row) => paymentBandOf(row, recentSince),
  };
  const labelOf = (dimension: TStratumDimension, value: string | number): string =>
    dimension === 'ageBand' && typeof value === 'number' ? ageBandLabel(value, bands) : String(value);
  const getters = dimensions.map((d) => valueOf[d]);
  const root: TKeyNode = { key: 'all', children: new Map() };
  return {
    dimensions,
    keyOf(row) {
      let node = root;
      for (let i = 0; i < getters.length; i += 1) {
        const value = (getters[i] ?? valueOf.scheme)(row);
        let child = node.children.get(value);
        if (!child) {
          const dimension = dimensions[i] ?? 'scheme';
          const part = `${dimension}=${labelOf(dimension, value)}`;
          child = { key: i === 0 ? part : `${node.key};${part}`, children: new Map() };
          node.children.set(value, child);
        }
        node = child;
      }
      return node.key;
    },
  };
}
