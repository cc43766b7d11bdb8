import { dayFromIso, daysInMonth, monthStart, ymOf } from './calendar.js';
import { IN_KIND_SCHEMES, SCHEME_RULES, type SchemeRule } from './catalogue.js';
import type { IdCursor } from './ids.js';
import type { Member } from './people.js';
import type { Region } from './reference.js';
import type { Rng } from './rng.js';

// Scheme enrolments that fit the household (pensions for the elderly, Mahtari Vandan for
// married women, PDS for the card, scholarships for students…) and 12 months of payments.

export type RationCategory = 'antyodaya' | 'priority' | 'single_destitute' | 'disabled' | 'general' | 'none';
export type EnrolmentStatus = 'active' | 'suspended' | 'closed';
export type PaymentStatus = 'credited' | 'failed' | 'pending';

export interface EnrolmentRow {
  id: number;
  residentId: number;
  householdId: number;
  schemeCode: string;
  beneficiaryId: string;
  status: EnrolmentStatus;
  enrolledOn: number;
}

export interface PaymentRow {
  id: number;
  enrolmentId: number;
  period: number;
  amountPaise: number;
  status: PaymentStatus;
  failureReason: string | null;
  paidOn: number | null;
  reference: string | null;
}

export interface HouseholdMember extends Member {
  id: number;
}

export interface BenefitHousehold {
  id: number;
  cardNumber: string;
  rationCategory: RationCategory;
  districtCode: number;
  division: string;
  region: Region;
  /** MGNREGA job card number stem: CH-<district>-<block> */
  jobCardStem: string;
  /** day the card was made: the floor for enrolment dates */
  createdDay: number;
  members: readonly HouseholdMember[];
}

export interface BenefitWindow {
  asOfDay: number;
  /** first days of the 12 months before the as-of month, oldest first */
  months: readonly number[];
  /** calendar month (1–12) of each of those months */
  monthOfYear: readonly number[];
  /** last day of each month on which a payment can be made (never on or after the as-of day) */
  lastPayDay: readonly number[];
  /** 'YYYYMM' of each month, for payment references */
  yyyymm: readonly string[];
}

// Precomputed per month: the payment loop runs ~30 million times at full scale.
export function paymentWindow(asOfDay: number): BenefitWindow {
  const months: number[] = [];
  for (let k = 12; k >= 1; k--) months.push(monthStart(asOfDay, -k));
  const ym = months.map((m) => ymOf(m));
  return {
    asOfDay,
    months,
    monthOfYear: ym.map((x) => x.month),
    lastPayDay: months.map((m) => Math.min(m + daysInMonth(m) - 1, asOfDay - 1)),
    yyyymm: ym.map((x) => `${x.year}${String(x.month).padStart(2, '0')}`),
  };
}

const BPL: ReadonlySet<RationCategory> = new Set(['antyodaya', 'priority', 'single_destitute', 'disabled']);

const PENSIONS: ReadonlySet<string> = new Set(['IGNOAPS', 'IGNWPS', 'IGNDPS', 'SSPY', 'SSY', 'MPY']);

const MVY_LAUNCH = dayFromIso('2024-03-01');
const SCHEME_FLOOR = dayFromIso('2010-01-01');
const PMKISAN_LAUNCH = dayFromIso('2019-02-01');
const KUY_LAUNCH = dayFromIso('2024-01-01');
const PMUY_LAUNCH = dayFromIso('2016-05-01');

/** households of the forest belts who collect tendu leaves */
function tenduBelt(h: BenefitHousehold): boolean {
  return h.division === 'Bastar' || h.division === 'Surguja' || h.region === 'tribal_north' || h.region === 'tribal_south';
}

interface Pick {
  scheme: string;
  member: HouseholdMember;
  /** earliest plausible enrolment day */
  from: number;
}

function eldestWoman(members: readonly HouseholdMember[]): HouseholdMember | undefined {
  let best: HouseholdMember | undefined;
  for (const m of members) if (m.gender === 'female' && m.age >= 18 && (!best || m.age > best.age)) best = m;
  return best;
}

function findRelation(members: readonly HouseholdMember[], relation: string): HouseholdMember | undefined {
  for (const m of members) if (m.relation === relation) return m;
  return undefined;
}

/** the day a member reaches an age (approximately: eligibility floors only) */
function birthday(m: HouseholdMember, years: number): number {
  return m.birthDay + Math.round(years * 365.25);
}

// A class rather than closures: chooseSchemes runs once per household, millions of times.
class Picks {
  readonly list: Pick[] = [];
  readonly pensioned = new Set<number>();

  add(scheme: string, member: HouseholdMember, from: number): void {
    this.list.push({ scheme, member, from });
    if (PENSIONS.has(scheme)) this.pensioned.add(member.id);
  }

  has(scheme: string): boolean {
    for (const p of this.list) if (p.scheme === scheme) return true;
    return false;
  }
}

/** Chooses 1–4 coherent (scheme, member) pairs, most important first. */
export function chooseSchemes(rng: Rng, h: BenefitHousehold): Pick[] {
  const picks = new Picks();
  const hd = findRelation(h.members, 'head');
  if (!hd) throw new Error('household without a head');
  const spouse = findRelation(h.members, 'spouse');
  const bpl = BPL.has(h.rationCategory);

  // the ration card is in the name of the eldest woman of the household (NFSA rule)
  const woman = eldestWoman(h.members);
  if (h.rationCategory !== 'none' && rng.chance(h.rationCategory === 'general' ? 0.8 : 0.97)) {
    picks.add('PDS', woman ?? hd, h.createdDay);
  }
  if (h.rationCategory === 'disabled' && hd.age >= 18 && hd.age <= 79 && rng.chance(0.85)) {
    picks.add('IGNDPS', hd, birthday(hd, 18));
  }
  const widowHead = hd.gender === 'female' && spouse === undefined;
  if (widowHead && !picks.pensioned.has(hd.id) && hd.age >= 18 && hd.age < 60) {
    if (bpl && hd.age >= 40 && rng.chance(0.7)) picks.add('IGNWPS', hd, birthday(hd, 40));
    else if (rng.chance(0.35)) picks.add(bpl ? 'SSY' : 'MPY', hd, birthday(hd, 18));
  }
  for (const m of h.members) {
    if (m.age < 60 || picks.pensioned.has(m.id) || picks.pensioned.size >= 2) continue;
    if (bpl && rng.chance(0.75)) picks.add('IGNOAPS', m, birthday(m, 60));
    else if (rng.chance(bpl ? 0.4 : 0.2)) picks.add(bpl ? 'MPY' : 'SSPY', m, birthday(m, 60));
  }
  // Mahtari Vandan: married (or widowed) women of 21 and over
  let mvy = 0;
  for (const m of h.members) {
    const married = m.relation === 'spouse' || m.relation === 'daughter_in_law' || m.relation === 'mother' || (m.relation === 'head' && m.gender === 'female');
    if (m.gender === 'female' && married && m.age >= 21 && mvy < 2 && rng.chance(0.8)) {
      picks.add('MVY', m, Math.max(MVY_LAUNCH, birthday(m, 21)));
      mvy++;
    }
  }
  if (rng.chance(tenduBelt(h) ? 0.6 : 0.42)) {
    picks.add('MGNREGA', hd.age >= 65 && spouse && spouse.age < 65 ? spouse : hd, h.createdDay);
  }
  if (rng.chance(0.33) && hd.age >= 18) {
    picks.add('PMKISAN', hd, PMKISAN_LAUNCH);
    if (rng.chance(0.6)) picks.add('KUY', hd, KUY_LAUNCH);
  }
  let youngest: HouseholdMember | undefined;
  for (const m of h.members) if (m.age < 6 && (!youngest || m.age < youngest.age)) youngest = m;
  if (youngest && rng.chance(0.7)) picks.add('ICDS', youngest, youngest.birthDay + 30);
  const studentChance = h.region === 'tribal_south' || h.region === 'tribal_north' ? 0.5 : 0.2;
  for (const m of h.members) {
    if (m.age >= 11 && m.age <= 15 && !picks.has('PRMS') && rng.chance(studentChance)) picks.add('PRMS', m, birthday(m, 11));
    else if (m.age >= 16 && m.age <= 22 && !picks.has('PMS') && rng.chance(studentChance * 0.6)) picks.add('PMS', m, birthday(m, 16));
  }
  if (tenduBelt(h) && rng.chance(0.35)) picks.add('TENDU', hd, SCHEME_FLOOR);
  if (bpl && woman && rng.chance(0.3)) picks.add('PMUY', woman, PMUY_LAUNCH);

  // every household on the hub has at least one scheme: a job card is the commonest
  if (picks.list.length === 0) picks.add('MGNREGA', hd, h.createdDay);
  return picks.list.slice(0, 4);
}

const ZEROS = '000000000000';

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : ZEROS.slice(0, width - s.length) + s;
}

function beneficiaryId(h: BenefitHousehold, scheme: string, rule: SchemeRule, enrolmentId: number): string {
  if (scheme === 'PDS') return h.cardNumber;
  // job card: CH-<district>-<block>-<panchayat>-<village>/<family>, one per household
  if (scheme === 'MGNREGA') return `${h.jobCardStem}/${h.id}`;
  if (scheme === 'PMKISAN') return `CG${pad(enrolmentId, 9)}`;
  return `${rule.idPrefix}${h.districtCode}${pad(enrolmentId, 8)}`;
}

const DBT_FAILURES: readonly (readonly [string, number])[] = [
  ['Aadhaar not seeded with bank account', 30],
  ['Account frozen / dormant', 20],
  ['KYC pending at bank', 18],
  ['Name mismatch between scheme record and bank account', 14],
  ['IFSC invalid', 8],
  ['Account closed', 6],
  ['Aadhaar mapped to another bank in the NPCI mapper', 4],
];
const PDS_FAILURES: readonly (readonly [string, number])[] = [
  ['Biometric authentication failed at ePoS', 55],
  ['Ration not lifted by the beneficiary', 30],
  ['Stock not available at fair price shop', 15],
];
const ICDS_FAILURES: readonly (readonly [string, number])[] = [
  ['Take-home ration not distributed at the anganwadi', 60],
  ['Beneficiary absent on distribution day', 40],
];

function failureTable(scheme: string): readonly (readonly [string, number])[] {
  if (scheme === 'PDS') return PDS_FAILURES;
  if (scheme === 'ICDS') return ICDS_FAILURES;
  return DBT_FAILURES;
}

function referenceFor(inKind: boolean, status: PaymentStatus, ym: string, paymentId: number): string | null {
  if (status === 'pending') return null;
  if (inKind) return `EPOS-${ym}-${pad(paymentId, 9)}`;
  return `${status === 'failed' ? 'RTN' : 'DBT'}-${ym}-${pad(paymentId, 9)}`;
}

export function generateBenefits(
  rng: Rng,
  h: BenefitHousehold,
  window: BenefitWindow,
  ids: IdCursor,
): { enrolments: EnrolmentRow[]; payments: PaymentRow[] } {
  const enrolments: EnrolmentRow[] = [];
  const payments: PaymentRow[] = [];
  const firstMonth = window.months[0] ?? window.asOfDay;
  const latest = window.months.length - 1;

  for (const pick of chooseSchemes(rng, h)) {
    const rule = SCHEME_RULES[pick.scheme];
    if (!rule) throw new Error(`no rule for scheme ${pick.scheme}`);
    const id = ++ids.enrolment;

    // most enrolments predate the window; about 8% are recent and get fewer payments
    const from = Math.max(pick.from, SCHEME_FLOOR, h.createdDay);
    const to = window.asOfDay - 45;
    let enrolledOn: number;
    if (from >= to) enrolledOn = Math.min(from, window.asOfDay - 1);
    else if (from < firstMonth - 30 && rng.chance(0.92)) enrolledOn = rng.int(from, firstMonth - 30);
    else enrolledOn = rng.int(Math.max(from, to - 330), to);

    const roll = rng.float();
    const status: EnrolmentStatus = roll < 0.025 ? 'suspended' : roll < 0.035 ? 'closed' : 'active';
    enrolments.push({ id, residentId: pick.member.id, householdId: h.id, schemeCode: pick.scheme, beneficiaryId: beneficiaryId(h, pick.scheme, rule, id), status, enrolledOn });

    const schedule = rule.schedule;
    if (schedule.kind === 'none') continue;
    const inKind = IN_KIND_SCHEMES.has(pick.scheme);
    const stopAt = status === 'closed' ? rng.int(3, latest) : window.months.length; // closure month
    const holdFrom = status === 'suspended' ? rng.int(latest - 3, latest) : window.months.length;
    const holdReason = PENSIONS.has(pick.scheme)
      ? 'Payment on hold: annual life certificate not submitted'
      : 'Payment on hold: e-KYC of the beneficiary pending';
    // a problem with the account usually lasts a month or three, then gets fixed
    const spell = rng.chance(0.1) ? { start: rng.int(0, latest), length: rng.int(1, 3), reason: rng.weighted(failureTable(pick.scheme)) } : null;

    const firstPeriod = monthStart(enrolledOn, 1);
    for (let m = 0; m < window.months.length && m < stopAt; m++) {
      const period = window.months[m];
      const monthOfYear = window.monthOfYear[m] ?? 0;
      if (period === undefined || period < firstPeriod) continue;
      let amount: number;
      if (schedule.kind === 'monthly') amount = inKind ? 0 : (rule.monthlyAmountPaise ?? 0);
      else if (schedule.kind === 'months') {
        if (!schedule.months.includes(monthOfYear)) continue;
        amount = schedule.amountPaise;
      } else {
        // MGNREGA: work in about half the months, more in the lean season (Jan–Jun)
        const lean = monthOfYear <= 6;
        if (!rng.chance(lean ? 0.65 : 0.4)) continue;
        amount = rng.int(4, 24) * schedule.dailyWagePaise;
      }

      let payStatus: PaymentStatus = 'credited';
      let reason: string | null = null;
      if (m >= holdFrom) {
        payStatus = 'failed';
        reason = holdReason;
      } else if (spell && m >= spell.start && m < spell.start + spell.length) {
        payStatus = 'failed';
        reason = spell.reason;
      } else if (m === latest && rng.chance(inKind ? 0.12 : 0.3)) {
        payStatus = 'pending';
      } else if (rng.chance(0.01)) {
        payStatus = 'failed';
        reason = rng.weighted(failureTable(pick.scheme));
      }
      const paymentId = ++ids.payment;
      const lastDay = window.lastPayDay[m] ?? period;
      const paidOn = payStatus === 'credited' ? Math.min(period + (inKind ? rng.int(0, 26) : rng.int(3, 24)), lastDay) : null;
      payments.push({
        id: paymentId,
        enrolmentId: id,
        period,
        amountPaise: amount,
        status: payStatus,
        failureReason: reason,
        paidOn,
        reference: referenceFor(inKind, payStatus, window.yyyymm[m] ?? '', paymentId),
      });
    }
  }
  return { enrolments, payments };
}
