import { createHash } from 'node:crypto';
import { toE164 } from '../../shared/phone.js';
import type { TImportField } from './column-mapping.js';

/** Why a row was rejected; a row may carry several. Stable: departments filter their report by them. */
export const REASON_CODES = [
  'invalid_encoding',
  'control_characters',
  'column_count_mismatch',
  'scheme_mismatch',
  'beneficiary_id_missing',
  'beneficiary_id_too_long',
  'beneficiary_id_invalid',
  'beneficiary_id_duplicate',
  'row_duplicate',
  'name_missing',
  'name_too_long',
  'name_invalid',
  'father_or_husband_name_too_long',
  'father_or_husband_name_invalid',
  'gender_missing',
  'gender_invalid',
  'birth_year_missing',
  'birth_year_invalid',
  'birth_year_out_of_range',
  'district_missing',
  'district_unknown',
  'block_missing',
  'block_unknown',
  'block_not_in_district',
  'village_too_long',
  'mobile_missing',
  'mobile_invalid',
] as const;
export type TReasonCode = (typeof REASON_CODES)[number];

export const MAX_ID_LENGTH = 40;
export const MAX_NAME_LENGTH = 100;
export const MAX_VILLAGE_LENGTH = 100;

export type TGender = 'female' | 'male' | 'other';

const GENDER_WORDS: Record<string, TGender> = {
  m: 'male',
  male: 'male',
  man: 'male',
  पुरुष: 'male',
  पु: 'male',
  f: 'female',
  female: 'female',
  woman: 'female',
  महिला: 'female',
  स्त्री: 'female',
  म: 'female',
  o: 'other',
  other: 'other',
  t: 'other',
  transgender: 'other',
  अन्य: 'other',
  तृतीय_लिंग: 'other',
};

/** "M", "Male", "पुरुष" → male; null when the word is not one we know. */
export function parseGender(raw: string): TGender | null {
  const key = raw.normalize('NFC').trim().toLowerCase().replace(/[\s.]+/g, '_').replace(/_+$/, '');
  return GENDER_WORDS[key] ?? null;
}

export interface TPlace {
  lgdCode: number;
  name: string;
  nameHi: string;
}
export interface TBlockPlace extends TPlace {
  id: number;
  districtCode: number;
}

/** Folds a place name so that "Baloda Bazar - Bhatapara" and "baloda bazar bhatapara" meet. */
export function foldPlace(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}

/** The districts and blocks of the state, indexed by LGD code and by name in both scripts. */
export class TPlaceIndex {
  private readonly districts = new Map<string, TPlace>();
  private readonly blocks = new Map<number, Map<string, TBlockPlace>>();
  private readonly blockKeys = new Set<string>();

  constructor(districts: readonly TPlace[], blocks: readonly TBlockPlace[]) {
    for (const d of districts) for (const key of [String(d.lgdCode), foldPlace(d.name), foldPlace(d.nameHi)]) this.districts.set(key, d);
    for (const b of blocks) {
      const inDistrict = this.blocks.get(b.districtCode) ?? new Map<string, TBlockPlace>();
      for (const key of [String(b.lgdCode), foldPlace(b.name), foldPlace(b.nameHi)]) {
        inDistrict.set(key, b);
        this.blockKeys.add(key);
      }
      this.blocks.set(b.districtCode, inDistrict);
    }
  }

  district(raw: string): TPlace | undefined {
    return this.districts.get(/^\d+$/.test(raw.trim()) ? String(Number(raw)) : foldPlace(raw));
  }

  /** the block in that district, or why not: unknown anywhere, or known but elsewhere */
  block(districtCode: number, raw: string): TBlockPlace | 'unknown' | 'elsewhere' {
    const key = /^\d+$/.test(raw.trim()) ? String(Number(raw)) : foldPlace(raw);
    const found = this.blocks.get(districtCode)?.get(key);
    if (found) return found;
    return this.blockKeys.has(key) ? 'elsewhere' : 'unknown';
  }
}

export interface TValidatedRow {
  beneficiaryId: string | null;
  name: string | null;
  fatherOrHusbandName: string | null;
  gender: TGender | null;
  birthYear: number | null;
  districtCode: number | null;
  blockId: number | null;
  village: string | null;
  mobile: string | null;
  reasons: TReasonCode[];
}

export interface TValidationContext {
  schemeCode: string;
  places: TPlaceIndex;
  /** the year birth years are checked against */
  currentYear: number;
  /** beneficiary ids and whole rows seen earlier in the file; the validator adds to them */
  seenIds: Set<string>;
  seenRows: Set<string>;
}

/** Control characters other than tab, CR and LF: never in a real list, often a sign of a binary file. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
// An Indian mobile number: landlines and foreign numbers cannot be called for a survey.
const INDIAN_MOBILE = /^\+91[6-9]\d{9}$/;
const ID_CHARS = /^[A-Za-z0-9][A-Za-z0-9/_.-]*$/;
// A name is letters of one script (Latin or Devanagari) with spaces, dots, apostrophes, hyphens.
const LATIN_NAME = /^[A-Za-z][A-Za-z .'-]*$/;
const DEVANAGARI_NAME = /^[\u0900-\u097F][\u0900-\u097F .-]*$/;

function clean(value: string | undefined): string {
  // Control characters are reported before this; PostgreSQL text cannot hold NUL, so none is kept.
  return (value ?? '').normalize('NFC').replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
}

function checkName(value: string, missing: TReasonCode | null, tooLong: TReasonCode, invalid: TReasonCode, reasons: TReasonCode[]): string | null {
  if (value === '') {
    if (missing) reasons.push(missing);
    return null;
  }
  if (value.length > MAX_NAME_LENGTH) reasons.push(tooLong);
  else if (!LATIN_NAME.test(value) && !DEVANAGARI_NAME.test(value)) reasons.push(invalid);
  return value;
}

/** Checks one record's fields and normalises them. Pure apart from the duplicate sets it fills. */
export function validateRow(fields: Partial<Record<TImportField, string>>, ctx: TValidationContext, found: readonly TReasonCode[] = []): TValidatedRow {
  const reasons: TReasonCode[] = [...found];
  const raw = Object.values(fields).filter((v): v is string => v !== undefined);
  // csv-parse decodes bad UTF-8 bytes to U+FFFD; the row is refused, the rest of the file goes on.
  if (raw.some((v) => v.includes('\uFFFD'))) reasons.push('invalid_encoding');
  if (raw.some(hasControlCharacter)) reasons.push('control_characters');

  const scheme = clean(fields.scheme);
  if (scheme !== '' && scheme.toUpperCase() !== ctx.schemeCode.toUpperCase()) reasons.push('scheme_mismatch');

  const beneficiaryId = clean(fields.beneficiary_id);
  if (beneficiaryId === '') reasons.push('beneficiary_id_missing');
  else if (beneficiaryId.length > MAX_ID_LENGTH) reasons.push('beneficiary_id_too_long');
  else if (!ID_CHARS.test(beneficiaryId)) reasons.push('beneficiary_id_invalid');
  else {
    const key = beneficiaryId.toUpperCase();
    if (ctx.seenIds.has(key)) reasons.push('beneficiary_id_duplicate');
    ctx.seenIds.add(key);
  }

  const name = checkName(clean(fields.name), 'name_missing', 'name_too_long', 'name_invalid', reasons);
  const fatherOrHusbandName = checkName(clean(fields.father_or_husband_name), null, 'father_or_husband_name_too_long', 'father_or_husband_name_invalid', reasons);

  const genderRaw = clean(fields.gender);
  const gender = genderRaw === '' ? null : parseGender(genderRaw);
  if (genderRaw === '') reasons.push('gender_missing');
  else if (!gender) reasons.push('gender_invalid');

  const yearRaw = clean(fields.birth_year);
  let birthYear: number | null = null;
  if (yearRaw === '') reasons.push('birth_year_missing');
  else if (!/^\d{4}$/.test(yearRaw)) reasons.push('birth_year_invalid');
  else {
    birthYear = Number(yearRaw);
    if (birthYear < 1900 || birthYear > ctx.currentYear) reasons.push('birth_year_out_of_range');
  }

  const districtRaw = clean(fields.district);
  const district = districtRaw === '' ? undefined : ctx.places.district(districtRaw);
  if (districtRaw === '') reasons.push('district_missing');
  else if (!district) reasons.push('district_unknown');

  const blockRaw = clean(fields.block);
  let blockId: number | null = null;
  if (blockRaw === '') reasons.push('block_missing');
  else if (district) {
    const block = ctx.places.block(district.lgdCode, blockRaw);
    if (block === 'unknown') reasons.push('block_unknown');
    else if (block === 'elsewhere') reasons.push('block_not_in_district');
    else blockId = block.id;
  }

  const village = clean(fields.village);
  if (village.length > MAX_VILLAGE_LENGTH) reasons.push('village_too_long');

  const mobileRaw = clean(fields.mobile);
  const e164 = mobileRaw === '' || mobileRaw.length > 32 ? null : toE164(mobileRaw);
  const mobile = e164 && INDIAN_MOBILE.test(e164) ? e164 : null;
  if (mobileRaw === '') reasons.push('mobile_missing');
  else if (!mobile) reasons.push('mobile_invalid');

  // A digest, not the row, so a 100,000-row file keeps a few MB of keys rather than its text.
  const rowKey = createHash('sha1')
    .update(JSON.stringify([beneficiaryId, name, fatherOrHusbandName, genderRaw, yearRaw, districtRaw, blockRaw, village, mobileRaw].map((v) => (v ?? '').toLowerCase())))
    .digest('base64');
  if (ctx.seenRows.has(rowKey)) reasons.push('row_duplicate');
  ctx.seenRows.add(rowKey);

  return {
    beneficiaryId: beneficiaryId === '' ? null : beneficiaryId.slice(0, MAX_ID_LENGTH * 4),
    name: name?.slice(0, MAX_NAME_LENGTH * 4) ?? null,
    fatherOrHusbandName: fatherOrHusbandName?.slice(0, MAX_NAME_LENGTH * 4) ?? null,
    gender,
    birthYear,
    districtCode: district?.lgdCode ?? null,
    blockId,
    village: village === '' ? null : village.slice(0, MAX_VILLAGE_LENGTH * 4),
    mobile,
    reasons,
  };
}
