import { ageInYears, yearsBefore } from './calendar.js';
import type { Rng } from './rng.js';
import type { LanguageCode, NamePools, PersonName, Region } from './reference.js';

// Who lives in a household: relations, genders and birth dates that agree with each other,
// and names drawn from the pool of the household's region. Pure functions of an Rng.

export type Gender = 'female' | 'male' | 'other';
export type Relation =
  | 'head' | 'spouse' | 'son' | 'daughter' | 'father' | 'mother' | 'son_in_law' | 'daughter_in_law'
  | 'grandson' | 'granddaughter' | 'brother' | 'sister' | 'other';

export interface Member {
  relation: Relation;
  gender: Gender;
  birthDay: number;
  /** age in whole years on the as-of date */
  age: number;
}

/** 1–8 members, mean about 4.5 (NFHS-5 puts Chhattisgarh's rural mean near 4.4). */
export const HOUSEHOLD_SIZE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 4], [2, 10], [3, 15], [4, 22], [5, 20], [6, 14], [7, 9], [8, 6],
];

/** The gender a relation implies; 'other' relations may be anyone. */
export const RELATION_GENDER: Readonly<Record<Relation, Gender | null>> = {
  head: null, spouse: null, son: 'male', daughter: 'female', father: 'male', mother: 'female',
  son_in_law: 'male', daughter_in_law: 'female', grandson: 'male', granddaughter: 'female',
  brother: 'male', sister: 'female', other: null,
};

/**
 * A birth date giving exactly `age` whole years on asOfDay, and before it. Because the day within
 * the year is random, a gap of g+1 years in ages guarantees a gap of at least g years in birth
 * dates.
 */
function birthDayForAge(rng: Rng, asOfDay: number, age: number): number {
  return yearsBefore(asOfDay, age) - rng.int(1, 364);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** head's age bracket (inclusive bounds) and its weight, for households of two or more */
const HEAD_AGE_BRACKETS: readonly (readonly [number, number, number])[] = [
  [22, 29, 12], [30, 39, 28], [40, 49, 27], [50, 59, 18], [60, 69, 11], [70, 80, 4],
];
const HEAD_AGE_WEIGHTS: readonly (readonly [number, number])[] = HEAD_AGE_BRACKETS.map((b, i) => [i, b[2]] as const);

// A class rather than closures: this runs once per household, millions of times.
class MemberList {
  readonly rows: { relation: Relation; gender: Gender; age: number }[] = [];

  constructor(private readonly size: number) {}

  add(relation: Relation, gender: Gender, age: number): void {
    this.rows.push({ relation, gender, age });
  }

  slots(): number {
    return this.size - this.rows.length;
  }
}

export function composeHousehold(rng: Rng, size: number, asOfDay: number): Member[] {
  const list = new MemberList(size);

  const headMale = rng.chance(0.86);
  let headAge: number;
  if (size === 1) headAge = rng.chance(0.6) ? rng.int(60, 88) : rng.int(22, 59);
  else {
    const bracket = HEAD_AGE_BRACKETS[rng.weighted(HEAD_AGE_WEIGHTS)] ?? [30, 39, 1];
    headAge = rng.int(bracket[0], bracket[1]);
  }
  list.add('head', headMale ? 'male' : 'female', headAge);

  // female heads are mostly widows, so they seldom have a spouse in the household
  let spouseAge: number | null = null;
  if (list.slots() > 0 && rng.chance(headMale ? 0.94 : 0.2)) {
    spouseAge = clamp(headMale ? headAge - rng.int(0, 8) : headAge + rng.int(0, 6), 18, 95);
    list.add('spouse', headMale ? 'female' : 'male', spouseAge);
  }
  const youngerParent = spouseAge === null ? headAge : Math.min(headAge, spouseAge);

  // a young head often still lives with his parents (joint family)
  const parentChance = headAge <= 35 && size >= 5 ? 0.7 : headAge <= 50 ? 0.25 : 0;
  if (list.slots() >= 2 && headAge + 19 <= 90 && rng.chance(parentChance)) {
    const motherAge = rng.int(headAge + 19, Math.min(headAge + 35, 90));
    list.add('mother', 'female', motherAge);
    if (list.slots() >= 2 && rng.chance(0.55)) list.add('father', 'male', clamp(motherAge + rng.int(0, 7), headAge + 19, 95));
  }

  // an older head with a married son, his wife and their children
  if (headAge >= 45 && list.slots() >= 3 && rng.chance(0.55)) {
    const sonMax = Math.min(youngerParent - 19, 45);
    if (sonMax >= 20) {
      const sonAge = rng.int(20, sonMax);
      list.add('son', 'male', sonAge);
      const dilAge = clamp(sonAge - rng.int(0, 6), 18, sonAge + 3);
      list.add('daughter_in_law', 'female', dilAge);
      const grandMax = Math.min(sonAge, dilAge) - 19;
      let grandchildren = Math.min(list.slots(), rng.int(1, 3));
      while (grandMax >= 0 && grandchildren-- > 0) {
        const boy = rng.chance(0.51);
        list.add(boy ? 'grandson' : 'granddaughter', boy ? 'male' : 'female', rng.int(0, grandMax));
      }
    }
  }

  // the head's own children: mothers are 19–40 years older than their children
  const childMax = Math.min(youngerParent - 19, 40);
  const childMin = Math.max(0, youngerParent - 40);
  let children = childMax >= childMin ? Math.min(list.slots(), Math.floor((childMax - childMin) / 2) + 2, 6) : 0;
  while (children-- > 0) {
    const boy = rng.chance(0.51);
    list.add(boy ? 'son' : 'daughter', boy ? 'male' : 'female', rng.int(childMin, childMax));
  }

  // anyone else: the head's siblings when young, otherwise another relative
  while (list.slots() > 0) {
    if (headAge <= 40) {
      const brother = rng.chance(0.5);
      list.add(brother ? 'brother' : 'sister', brother ? 'male' : 'female', clamp(headAge + rng.int(-12, 8), 0, 90));
    } else {
      list.add('other', rng.chance(0.03) ? 'other' : rng.chance(0.5) ? 'male' : 'female', rng.int(5, 30));
    }
  }

  const out: Member[] = [];
  for (const { relation, gender, age } of list.rows) {
    const birthDay = birthDayForAge(rng, asOfDay, age);
    out.push({ relation, gender, birthDay, age: ageInYears(birthDay, asOfDay) });
  }
  return out;
}

// ───────────────────────── names ─────────────────────────

export interface HouseholdCulture {
  region: Region;
  language: LanguageCode;
}

/** Region tag of a household from its division (and a few tribal-belt districts of Bilaspur). */
export function pickCulture(rng: Rng, division: string, districtCode: number): HouseholdCulture {
  const tribalNorthBelt = districtCode === 383 || districtCode === 386 || districtCode === 734; // Korba, Raigarh, GPM
  let region: Region;
  if (rng.chance(0.025)) region = 'muslim';
  else if (division === 'Bastar') region = rng.weighted<Region>([['tribal_south', 66], ['cg_plains', 16], ['general', 18]]);
  else if (division === 'Surguja') region = rng.weighted<Region>([['tribal_north', 56], ['cg_plains', 10], ['general', 34]]);
  else if (tribalNorthBelt) region = rng.weighted<Region>([['tribal_north', 32], ['cg_plains', 40], ['general', 28]]);
  else region = rng.weighted<Region>([['cg_plains', 62], ['general', 38]]);

  const plains = division === 'Raipur' || division === 'Durg' || division === 'Bilaspur';
  const language = rng.weighted<LanguageCode>(
    plains ? [['cg', 55], ['hi', 42], ['en', 3]] : [['hi', 72], ['cg', 25], ['en', 3]],
  );
  return { region, language };
}

function givenPool(pools: NamePools, gender: Gender, region: Region, rng: Rng): readonly PersonName[] {
  const byGender = gender === 'female' || (gender === 'other' && rng.chance(0.5)) ? pools.female : pools.male;
  if (region === 'muslim') return byGender.muslim;
  if (region === 'general') return byGender.general;
  // given names in the tribal belts and the plains are as often pan-Hindi as local
  return rng.chance(0.5) ? byGender[region] : byGender.general;
}

export function pickSurname(rng: Rng, pools: NamePools, region: Region): PersonName {
  if (region === 'tribal_south' || region === 'tribal_north') {
    return rng.pick(rng.chance(0.85) ? pools.surname[region] : pools.surname.cg_plains);
  }
  return rng.pick(pools.surname[region]);
}

/** names for every member: one family surname, except in-laws' and a few wives' own names */
export function nameMembers(rng: Rng, pools: NamePools, region: Region, members: readonly Member[]): { en: string; hi: string }[] {
  const family = pickSurname(rng, pools, region);
  const out: { en: string; hi: string }[] = [];
  for (const m of members) {
    const given = rng.pick(givenPool(pools, m.gender, region, rng));
    let surname = family;
    if (m.relation === 'son_in_law' || (m.relation === 'other' && rng.chance(0.5))) surname = pickSurname(rng, pools, region);
    else if ((m.relation === 'spouse' || m.relation === 'daughter_in_law') && rng.chance(0.05)) surname = pickSurname(rng, pools, region);
    out.push({ en: `${given.en} ${surname.en}`, hi: `${given.hi} ${surname.hi}` });
  }
  return out;
}

export function memberLanguage(rng: Rng, household: LanguageCode, age: number): LanguageCode {
  if (rng.chance(0.88)) return household;
  if (age >= 15 && age <= 45 && rng.chance(0.25)) return 'en';
  return household === 'hi' ? 'cg' : 'hi';
}

// ───────────────────────── phones ─────────────────────────

/** Mobile numbers: +91 then 10 digits starting 6–9, from a permutation so none collide. */
export const MOBILE_RANGE = 4e9;

export function mobileFromIndex(index: number): string {
  return `+91${6 + Math.floor(index / 1e9)}${String(index % 1e9).padStart(9, '0')}`;
}

export const E164_INDIA_MOBILE = /^\+91[6-9]\d{9}$/;

/** chance that a member owns a phone, by relation and age */
export function ownsPhoneChance(m: Member): number {
  if (m.age < 15) return 0;
  if (m.age < 18) return 0.25;
  if (m.age >= 70) return 0.35;
  if (m.relation === 'head') return 0.93;
  if (m.relation === 'spouse') return 0.7;
  return 0.65;
}

/** chance that a member without a phone gives the family's number instead */
export function sharesPhoneChance(m: Member): number {
  if (m.age < 15) return 0;
  if (m.relation === 'spouse' || m.relation === 'mother' || m.relation === 'father' || m.age >= 60) return 0.65;
  return 0.3;
}
