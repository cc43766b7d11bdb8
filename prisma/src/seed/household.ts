import { aadhaarFromIndex, aadhaarHash, AADHAAR_PREFIX_RANGE } from './aadhaar.js';
import { generateApplications, type ApplicationContext, type ApplicationEventRow, type ApplicationRow } from './applications.js';
import { generateBenefits, paymentWindow, type BenefitWindow, type EnrolmentRow, type HouseholdMember, type PaymentRow, type RationCategory } from './benefits.js';
import { dayOfTimestamp, istTimestamp } from './calendar.js';
import { buildBlockGeo, pointNear, type BlockGeo } from './geography.js';
import type { IdCursor } from './ids.js';
import {
  composeHousehold, HOUSEHOLD_SIZE_WEIGHTS, memberLanguage, mobileFromIndex, MOBILE_RANGE, nameMembers, ownsPhoneChance,
  pickCulture, sharesPhoneChance, type Gender, type Relation,
} from './people.js';
import type { LanguageCode, ReferenceData } from './reference.js';
import { Permutation, Rng } from './rng.js';

// One household at a time: the card, its members, their enrolments and payments, and any
// service applications. Everything comes from the household's own random stream, so the
// generator holds nothing between households except the id cursor.

export interface HouseholdRow {
  id: number;
  cardNumber: string;
  rationCategory: RationCategory;
  address: string;
  village: string;
  pincode: string | null;
  districtCode: number;
  blockId: number;
  lat: number;
  lon: number;
  createdAt: number;
}

export interface ResidentRow {
  id: number;
  householdId: number;
  nameEn: string;
  nameHi: string;
  gender: Gender;
  birthDate: number;
  relation: Relation;
  mobile: string | null;
  language: LanguageCode;
  contactConsent: boolean;
  dnd: boolean;
  aadhaarHash: string | null;
  aadhaarLast4: string | null;
  createdAt: number;
}

export interface HouseholdBundle {
  household: HouseholdRow;
  residents: ResidentRow[];
  enrolments: EnrolmentRow[];
  payments: PaymentRow[];
  applications: ApplicationRow[];
  events: ApplicationEventRow[];
}

export interface GeneratorOptions {
  seed: number;
  asOfDay: number;
  aadhaarSalt: string;
}

export interface GeneratorContext extends GeneratorOptions {
  ref: ReferenceData;
  geo: readonly BlockGeo[];
  window: BenefitWindow;
  cardNumbers: Permutation;
  mobiles: Permutation;
  aadhaar: Permutation;
  applicationNumbers: Permutation;
  applications: ApplicationContext;
  /** 'CH-<district no.>-<block no.>' per block index, the stem of MGNREGA job card numbers */
  jobCardStems: readonly string[];
}

/** Card numbers are 22 + district code + 7 digits, so at most 10 million households. */
export const MAX_HOUSEHOLDS = 10_000_000;

/**
 * The slot of a member for the number permutations (mobile, Aadhaar): from the household index
 * and position rather than the resident id, so a household's content does not depend on how
 * many people the households before it had.
 */
export function personIndex(householdIndex: number, position: number): number {
  return householdIndex * 8 + position;
}

const RATION_WEIGHTS: readonly (readonly [RationCategory, number])[] = [
  ['antyodaya', 19], ['priority', 54], ['single_destitute', 1.5], ['disabled', 1.5], ['general', 17], ['none', 7],
];

export function createContext(ref: ReferenceData, options: GeneratorOptions): GeneratorContext {
  const districtNo = new Map(ref.districts.map((d, i) => [d.lgdCode, i + 1]));
  const blockNo = new Map<number, number>();
  const jobCardStems = ref.blocks.map((b) => {
    const n = (blockNo.get(b.districtCode) ?? 0) + 1;
    blockNo.set(b.districtCode, n);
    return `CH-${String(districtNo.get(b.districtCode) ?? 0).padStart(2, '0')}-${String(n).padStart(3, '0')}`;
  });
  const applicationNumbers = new Permutation(9e11, options.seed, 'application');
  return {
    ...options,
    ref,
    geo: buildBlockGeo(ref, options.seed),
    window: paymentWindow(options.asOfDay),
    cardNumbers: new Permutation(1e7, options.seed, 'card'),
    mobiles: new Permutation(MOBILE_RANGE, options.seed, 'mobile'),
    aadhaar: new Permutation(AADHAAR_PREFIX_RANGE, options.seed, 'aadhaar'),
    applicationNumbers,
    applications: {
      asOfDay: options.asOfDay,
      applicationNumbers,
      officeIdFor: (departmentCode, districtCode) => ref.officeFor(departmentCode, districtCode).id,
    },
    jobCardStems,
  };
}

export function generateHousehold(ctx: GeneratorContext, index: number, ids: IdCursor): HouseholdBundle {
  const rng = new Rng(ctx.seed, 'household', index);
  const householdId = index + 1;
  const blockIndex = rng.int(0, ctx.geo.length - 1);
  const geo = ctx.geo[blockIndex];
  if (!geo) throw new Error('block index out of range');
  const block = geo.block;
  const district = ctx.ref.districtByCode.get(block.districtCode);
  if (!district) throw new Error(`unknown district ${block.districtCode}`);

  const rationCategory = rng.weighted(RATION_WEIGHTS);
  const place = rng.pick(geo.villages);
  const point = pointNear(rng, geo.anchor, 15);
  const createdDay = rng.int(ctx.asOfDay - 9 * 365, ctx.asOfDay - 60);
  const createdAt = istTimestamp(createdDay, rng.int(10 * 60, 17 * 60 + 30));
  const household: HouseholdRow = {
    id: householdId,
    cardNumber: `22${district.lgdCode}${String(ctx.cardNumbers.apply(index)).padStart(7, '0')}`,
    rationCategory,
    address: `H.No. ${rng.int(1, 480)}, Ward ${rng.int(1, 20)}, ${place.name}, ${block.name} block, ${district.name} district`,
    village: place.name,
    pincode: place.pincode === '' ? null : place.pincode,
    districtCode: district.lgdCode,
    blockId: block.id,
    lat: point.lat,
    lon: point.lon,
    createdAt,
  };

  const size = rng.weighted(HOUSEHOLD_SIZE_WEIGHTS);
  const culture = pickCulture(rng, district.division, district.lgdCode);
  const members = composeHousehold(rng, size, ctx.asOfDay);
  const names = nameMembers(rng, ctx.ref.names, culture.region, members);

  const residents: ResidentRow[] = [];
  const withIds: HouseholdMember[] = [];
  let familyPhone: { mobile: string; dnd: boolean } | null = null;
  for (let k = 0; k < members.length; k++) {
    const m = members[k];
    if (!m) continue;
    const id = ++ids.resident;
    withIds.push({ ...m, id });
    let mobile: string | null = null;
    let dnd = false;
    if (rng.chance(ownsPhoneChance(m))) {
      mobile = mobileFromIndex(ctx.mobiles.apply(personIndex(index, k)));
      dnd = rng.chance(0.04);
      familyPhone ??= { mobile, dnd };
    } else if (familyPhone && rng.chance(sharesPhoneChance(m))) {
      // a shared phone carries its owner's DND registration
      mobile = familyPhone.mobile;
      dnd = familyPhone.dnd;
    }
    const contactConsent = mobile === null || !rng.chance(0.015);
    const hasAadhaar = m.age >= 1 ? rng.chance(0.995) : rng.chance(0.6);
    let hash: string | null = null;
    let last4: string | null = null;
    if (hasAadhaar) {
      const number = aadhaarFromIndex(ctx.aadhaar.apply(personIndex(index, k)));
      hash = aadhaarHash(ctx.aadhaarSalt, number);
      last4 = number.slice(-4);
    }
    // members born after the card was made were added to it a few weeks after birth
    const residentCreatedAt =
      m.birthDay > createdDay ? istTimestamp(Math.min(m.birthDay + rng.int(7, 60), ctx.asOfDay - 1), rng.int(10 * 60, 17 * 60 + 30)) : createdAt;
    const name = names[k];
    if (!name) throw new Error('missing name');
    residents.push({
      id,
      householdId,
      nameEn: name.en,
      nameHi: name.hi,
      gender: m.gender,
      birthDate: m.birthDay,
      relation: m.relation,
      mobile,
      language: memberLanguage(rng, culture.language, m.age),
      contactConsent,
      dnd,
      aadhaarHash: hash,
      aadhaarLast4: last4,
      createdAt: residentCreatedAt,
    });
  }

  const stem = ctx.jobCardStems[blockIndex] ?? 'CH-00-000';
  const { enrolments, payments } = generateBenefits(
    rng,
    {
      id: householdId,
      cardNumber: household.cardNumber,
      rationCategory,
      districtCode: district.lgdCode,
      division: district.division,
      region: culture.region,
      jobCardStem: `${stem}-${String(rng.int(1, 120)).padStart(3, '0')}-${String(rng.int(1, 12)).padStart(3, '0')}`,
      createdDay: dayOfTimestamp(createdAt),
      members: withIds,
    },
    ctx.window,
    ids,
  );

  const { applications, events } = generateApplications(
    rng,
    { id: householdId, districtCode: district.lgdCode, rationCategory, members: withIds, enrolments },
    ctx.applications,
    ids,
  );

  return { household, residents, enrolments, payments, applications, events };
}

/** Households start..end-1, lazily: the caller decides how many are in memory at once. */
export function* generateHouseholds(ctx: GeneratorContext, start: number, end: number, ids: IdCursor): Generator<HouseholdBundle> {
  for (let i = start; i < end; i++) yield generateHousehold(ctx, i, ids);
}
