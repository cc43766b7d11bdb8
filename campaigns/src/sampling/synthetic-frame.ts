import { SeededRandom } from '../shared/random.js';
import type { TEnrolmentRow, TGender, TPaymentStatus } from './row.js';

export interface TSyntheticFrameOptions {
  rows: number;
  seed: number;
  schemes?: readonly string[];
  districts?: readonly number[];
  /** enrolments per household, on average (members and schemes together) */
  enrolmentsPerHousehold?: number;
  /** share of rows that fail each exclusion rule */
  dndShare?: number;
  noConsentShare?: number;
  noMobileShare?: number;
  recentlyContactedShare?: number;
  failedPaymentShare?: number;
  asOf?: Date;
}

const GENDERS: readonly TGender[] = ['female', 'male', 'female', 'male', 'other'];

/**
 * A reproducible synthetic sampling frame, for benchmarks and demonstrations: enrolments spread
 * over schemes and districts, households holding a few enrolments each, and a share of rows that
 * each exclusion rule removes.
 */
export function* syntheticFrame(options: TSyntheticFrameOptions): Generator<TEnrolmentRow> {
  const random = new SeededRandom(options.seed);
  const schemes = options.schemes ?? ['PDS', 'NSAP-OAP', 'PMAY-G', 'PM-KISAN'];
  const districts = options.districts ?? [401, 402, 403, 404, 405];
  const perHousehold = options.enrolmentsPerHousehold ?? 2.5;
  const asOf = options.asOf ?? new Date('2026-03-01T00:00:00Z');
  const asOfMs = asOf.getTime();
  const day = 86_400_000;
  let householdId = 0;
  let residentId = 0;
  for (let i = 0; i < options.rows; i += 1) {
    if (i === 0 || random.chance(1 / perHousehold)) householdId += 1;
    if (i === 0 || random.chance(0.6)) residentId += 1;
    const district = districts[Math.floor(random.next() * districts.length)] ?? 0;
    const paid = random.next();
    const failed = paid < (options.failedPaymentShare ?? 0.1);
    const status: TPaymentStatus | null = failed ? 'failed' : paid < 0.95 ? 'credited' : paid < 0.98 ? 'pending' : null;
    const mobile = random.chance(options.noMobileShare ?? 0.08) ? null : `+91${6 + Math.floor(random.next() * 4)}${String(Math.floor(random.next() * 1e9)).padStart(9, '0')}`;
    yield {
      enrolmentId: i + 1,
      householdId,
      residentId,
      schemeCode: schemes[Math.floor(random.next() * schemes.length)] ?? '',
      districtCode: district,
      blockCode: district * 100 + Math.floor(random.next() * 8),
      gender: GENDERS[Math.floor(random.next() * GENDERS.length)] ?? 'other',
      birthYear: 1940 + Math.floor(random.next() * 68),
      mobile,
      lastPaymentStatus: status,
      lastPaymentOn: status === null ? null : new Date(asOfMs - Math.floor(random.next() * 180) * day),
      dnd: random.chance(options.dndShare ?? 0.03),
      consent: !random.chance(options.noConsentShare ?? 0.02),
      lastContactedAt: random.chance(options.recentlyContactedShare ?? 0.05) ? new Date(asOfMs - Math.floor(random.next() * 90) * day) : null,
    };
  }
}
