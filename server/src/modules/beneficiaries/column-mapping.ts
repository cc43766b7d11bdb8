/**
 * Which column of a department's file holds which of our fields. Departments spell their
 * headers in many ways ("Beneficiary ID", "ben_id", "लाभार्थी आईडी"), so a header is compared
 * after folding case, spaces and punctuation, against a list of spellings seen in real lists.
 * An uploader can name the header for any field explicitly; that wins over the defaults.
 */
export const IMPORT_FIELDS = [
  'scheme',
  'beneficiary_id',
  'name',
  'father_or_husband_name',
  'gender',
  'birth_year',
  'district',
  'block',
  'village',
  'mobile',
] as const;
export type TImportField = (typeof IMPORT_FIELDS)[number];

/** Fields whose column must be present; the others may be left out of the file. */
export const REQUIRED_COLUMNS: readonly TImportField[] = ['beneficiary_id', 'name', 'gender', 'birth_year', 'district', 'block', 'mobile'];

const DEFAULT_SPELLINGS: Record<TImportField, readonly string[]> = {
  scheme: ['scheme', 'scheme_code', 'scheme_name', 'yojana', 'योजना'],
  beneficiary_id: ['beneficiary_id', 'beneficiaryid', 'ben_id', 'benid', 'beneficiary_no', 'beneficiary_number', 'beneficiary_code', 'लाभार्थी_आईडी', 'लाभार्थी_क्रमांक'],
  name: ['name', 'beneficiary_name', 'full_name', 'applicant_name', 'नाम', 'लाभार्थी_का_नाम'],
  father_or_husband_name: [
    'father_or_husband_name',
    'father_husband_name',
    'fatherhusband_name',
    'father_name',
    'husband_name',
    'guardian_name',
    'relative_name',
    'पिता_पति_का_नाम',
    'पिता_का_नाम',
  ],
  gender: ['gender', 'sex', 'लिंग'],
  birth_year: ['birth_year', 'year_of_birth', 'yob', 'birthyear', 'dob_year', 'जन्म_वर्ष'],
  district: ['district', 'district_code', 'district_lgd_code', 'district_name', 'lgd_district_code', 'जिला'],
  block: ['block', 'block_code', 'block_lgd_code', 'block_name', 'lgd_block_code', 'विकासखंड', 'ब्लॉक', 'जनपद'],
  village: ['village', 'village_name', 'gram', 'gram_panchayat', 'ग्राम', 'गांव', 'गाँव'],
  mobile: ['mobile', 'mobile_no', 'mobile_number', 'phone', 'phone_no', 'phone_number', 'contact_no', 'contact_number', 'मोबाइल', 'मोबाइल_नंबर'],
};

/** "  Beneficiary-ID " → "beneficiary_id"; letters of any script survive, marks included. */
export function foldHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

export type TColumnMapping = Partial<Record<TImportField, string>>;

export type TResolvedColumns = Partial<Record<TImportField, number>>;

export type TColumnResolution =
  | { ok: true; columns: TResolvedColumns; headers: Partial<Record<TImportField, string>> }
  | { ok: false; problem: string };

/**
 * Finds the column of every field in the header row. Refuses, naming what is wrong, when a
 * required column is missing, a header named in the mapping is not in the file, or two fields
 * would read the same column.
 */
export function resolveColumns(headerRow: readonly string[], mapping: TColumnMapping = {}): TColumnResolution {
  const folded = headerRow.map(foldHeader);
  const seen = new Map<string, number>();
  for (const [index, header] of folded.entries()) {
    if (header === '') continue;
    const first = seen.get(header);
    if (first !== undefined) return { ok: false, problem: `The header "${headerRow[index]?.trim()}" appears twice (columns ${first + 1} and ${index + 1})` };
    seen.set(header, index);
  }

  const columns: TResolvedColumns = {};
  const headers: Partial<Record<TImportField, string>> = {};
  const missingMapped: string[] = [];
  for (const field of IMPORT_FIELDS) {
    const explicit = mapping[field];
    const index = explicit !== undefined ? seen.get(foldHeader(explicit)) : DEFAULT_SPELLINGS[field].map((s) => seen.get(foldHeader(s))).find((i) => i !== undefined);
    if (index === undefined) {
      if (explicit !== undefined) missingMapped.push(`"${explicit}" (for ${field})`);
      continue;
    }
    columns[field] = index;
    headers[field] = headerRow[index]?.trim() ?? '';
  }
  if (missingMapped.length > 0) return { ok: false, problem: `The mapping names headers that are not in the file: ${missingMapped.join(', ')}` };

  const missing = REQUIRED_COLUMNS.filter((field) => columns[field] === undefined);
  if (missing.length > 0) {
    const expected = missing.map((field) => (mapping[field] ? `"${mapping[field]}"` : `"${field}"`));
    return { ok: false, problem: `The file has no column for ${missing.join(', ')}: expected a header such as ${expected.join(', ')} (found: ${headerRow.map((h) => `"${h.trim()}"`).join(', ')})` };
  }

  const byIndex = new Map<number, TImportField>();
  for (const field of IMPORT_FIELDS) {
    const index = columns[field];
    if (index === undefined) continue;
    const other = byIndex.get(index);
    if (other) return { ok: false, problem: `The column "${headers[field]}" is mapped to both ${other} and ${field}` };
    byIndex.set(index, field);
  }
  return { ok: true, columns, headers };
}

/** The values of one record, by field; undefined where the file has no such column or the record is short. */
export function pickFields(record: readonly string[], columns: TResolvedColumns): Partial<Record<TImportField, string>> {
  const out: Partial<Record<TImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const index = columns[field];
    if (index !== undefined && index < record.length) out[field] = record[index];
  }
  return out;
}
