import { describe, expect, it } from 'vitest';
import { foldHeader, resolveColumns } from './column-mapping.js';
import { decideMatch, nameSimilarity, phoneNameCandidates } from './matching.js';
import { hasControlCharacter, parseGender, TPlaceIndex, validateRow, type TValidationContext } from './row-validation.js';

const places = new TPlaceIndex(
  [
    { lgdCode: 380, name: 'Raipur', nameHi: 'रायपुर' },
    { lgdCode: 381, name: 'Baloda Bazar - Bhatapara', nameHi: 'बलौदा बाजार' },
  ],
  [
    { id: 1, lgdCode: 3001, districtCode: 380, name: 'Abhanpur', nameHi: 'अभनपुर' },
    { id: 2, lgdCode: 3002, districtCode: 381, name: 'Kasdol', nameHi: 'कसडोल' },
  ],
);
const ctx = (): TValidationContext => ({ schemeCode: 'MVY', places, currentYear: 2026, seenIds: new Set(), seenRows: new Set() });
const good = { scheme: 'mvy', beneficiary_id: 'MVY/001', name: 'Smt. Kamla Bai', gender: 'महिला', birth_year: '1975', district: 'baloda bazar bhatapara', block: 'कसडोल', mobile: '098765 43210' };

describe('row validation', () => {
  it('normalises a good row: places by name in either script, phone to E.164, gender words', () => {
    expect(validateRow(good, ctx())).toMatchObject({ beneficiaryId: 'MVY/001', gender: 'female', birthYear: 1975, districtCode: 381, blockId: 2, mobile: '+919876543210', reasons: [] });
  });

  it('names each problem, several per row', () => {
    const c = ctx();
    expect(validateRow({ ...good, gender: 'Q', district: '380', block: 'Kasdol', mobile: '+1 202 555 0143' }, c).reasons).toEqual(['gender_invalid', 'block_not_in_district', 'mobile_invalid']);
    expect(validateRow({ ...good, beneficiary_id: 'mvy/001' }, c).reasons).toEqual(['beneficiary_id_duplicate']);
    expect(validateRow({ ...good, beneficiary_id: 'mvy/001' }, c).reasons).toEqual(['beneficiary_id_duplicate', 'row_duplicate']);
    expect(validateRow({}, ctx()).reasons).toEqual(['beneficiary_id_missing', 'name_missing', 'gender_missing', 'birth_year_missing', 'district_missing', 'block_missing', 'mobile_missing']);
  });

  it('keeps no control character in what it stores', () => {
    const row = validateRow({ ...good, name: 'Kamla\u0000Bai' }, ctx());
    expect(row.reasons).toContain('control_characters');
    expect(row.name).toBe('Kamla Bai');
    expect(hasControlCharacter('a\tb\r\n')).toBe(false);
    expect(hasControlCharacter('a\u007f')).toBe(true);
  });

  it('reads gender words in English and Hindi', () => {
    expect(['M', 'male', 'पुरुष', 'F.', 'स्त्री', 'T', 'अन्य', 'x'].map(parseGender)).toEqual(['male', 'male', 'male', 'female', 'female', 'other', 'other', null]);
  });
});

describe('column mapping', () => {
  it('finds columns by their usual spellings and lets a mapping win', () => {
    expect(foldHeader('\uFEFF Beneficiary-ID ')).toBe('beneficiary_id');
    const header = ['Ben. No.', 'Name', 'Sex', 'YOB', 'District', 'Block', 'Mobile No', 'Extra'];
    const resolved = resolveColumns(header, { beneficiary_id: 'ben no' });
    expect(resolved).toMatchObject({ ok: true, columns: { beneficiary_id: 0, name: 1, gender: 2, birth_year: 3, district: 4, block: 5, mobile: 6 } });
  });

  it('refuses a missing column, a header twice, a mapping to nothing and one column for two fields', () => {
    expect(resolveColumns(['name', 'gender'])).toMatchObject({ ok: false, problem: expect.stringContaining('no column for beneficiary_id, birth_year, district, block, mobile') });
    expect(resolveColumns(['name', 'Name'])).toMatchObject({ ok: false, problem: expect.stringContaining('appears twice') });
    const full = ['beneficiary_id', 'name', 'gender', 'birth_year', 'district', 'block', 'mobile'];
    expect(resolveColumns(full, { village: 'Gram' })).toMatchObject({ ok: false, problem: expect.stringContaining('"Gram" (for village)') });
    expect(resolveColumns(full, { village: 'name' })).toMatchObject({ ok: false, problem: expect.stringContaining('mapped to both name and village') });
  });
});

describe('matching', () => {
  const onPhone = [
    { residentId: 1, nameEn: 'Sunita Sahu', nameHi: 'सुनीता साहू', birthYear: 1980 },
    { residentId: 2, nameEn: 'Sunita Sahu', nameHi: 'सुनीता साहू', birthYear: 1981 },
    { residentId: 3, nameEn: 'Ramesh Verma', nameHi: 'रमेश वर्मा', birthYear: 1955 },
  ];

  it('compares names in the script they are written in, tolerant of spelling', () => {
    expect(nameSimilarity('Shri Ramesh Varma', 'Ramesh Verma')).toBeGreaterThan(0.7);
    expect(nameSimilarity('Ramesh Verma', 'Sunita Sahu')).toBeLessThan(0.3);
    expect(phoneNameCandidates({ name: 'रमेश वर्मा', birthYear: 1956 }, onPhone).map((c) => c.residentId)).toEqual([3]);
    expect(phoneNameCandidates({ name: 'Ramesh Verma', birthYear: 1960 }, onPhone)).toEqual([]);
  });

  it('takes the beneficiary id first, one candidate as a match, and flags several', () => {
    expect(decideMatch({ id: 9, residentId: 7 }, onPhone)).toMatchObject({ outcome: 'matched', method: 'beneficiary_id', residentId: 7, enrolmentId: 9 });
    expect(decideMatch(undefined, phoneNameCandidates({ name: 'Sunita Sahu', birthYear: 1980 }, onPhone))).toEqual({ outcome: 'ambiguous', method: 'phone_name', candidateCount: 2 });
    expect(decideMatch(undefined, [onPhone[2]!])).toMatchObject({ outcome: 'matched', method: 'phone_name', residentId: 3, enrolmentId: null });
    expect(decideMatch(undefined, [])).toEqual({ outcome: 'unmatched', method: null, candidateCount: 0 });
  });
});
