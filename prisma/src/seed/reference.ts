import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  DEADLINE_DAYS,
  DEFAULT_DEADLINE_DAYS,
  OFFICE_GAPS,
  OFFICE_TITLES,
  QUEUES,
  SCHEME_RULES,
  SERVICE_TYPES,
  EXTRA_FACILITY_TYPES,
} from './catalogue.js';

// Loads the reference CSVs copied into prisma/seed-data/ and turns them into the rows of the
// reference tables plus the lookups the household generator needs. Nothing here is random:
// the reference tables are identical for every seed.

export const SEED_DATA_DIR = fileURLToPath(new URL('../../seed-data/', import.meta.url));

export type Region = 'general' | 'cg_plains' | 'tribal_south' | 'tribal_north' | 'muslim';
export type LanguageCode = 'hi' | 'cg' | 'en';

export interface District {
  lgdCode: number;
  name: string;
  nameHi: string;
  nameLgd: string;
  division: string;
  hqName: string;
  hqNameHi: string;
  hqLat: number | null;
  hqLon: number | null;
}

export interface Block {
  id: number;
  lgdCode: number;
  districtCode: number;
  name: string;
  nameHi: string;
  nameLgd: string;
  nameHiLgd: string;
  shared: boolean;
  hqLat: number | null;
  hqLon: number | null;
}

export interface Department {
  code: string;
  nameEn: string;
  nameHi: string;
  helplineTier: string;
  citizenServices: string;
}

export interface Scheme {
  code: string;
  nameEn: string;
  nameHi: string;
  level: string;
  departmentCode: string;
  beneficiaries: string;
  benefitSummary: string;
  delivery: string;
  status: string;
  monthlyAmountPaise: number | null;
}

export interface GrievanceCategory {
  code: string;
  departmentCode: string;
  nameEn: string;
  nameHi: string;
  deadlineDays: number;
  relatedSchemes: string[];
}

export interface FacilityType {
  code: string;
  nameEn: string;
  nameHi: string;
  departmentCode: string | null;
}

export interface Facility {
  id: number;
  typeCode: string;
  name: string;
  nameLocal: string | null;
  districtCode: number | null;
  blockId: number | null;
  lat: number;
  lon: number;
  synthetic: boolean;
  source: string;
  externalRef: string | null;
  coordQuality: string | null;
}

export interface ServiceType {
  code: string;
  nameEn: string;
  nameHi: string;
  departmentCode: string;
  slaDays: number;
}

export interface Office {
  id: number;
  departmentCode: string;
  level: 'state' | 'district' | 'block';
  districtCode: number | null;
  blockId: number | null;
  name: string;
  nameHi: string;
  phone: string | null;
}

export interface Queue {
  id: number;
  code: string;
  name: string;
  nameHi: string;
  language: LanguageCode | null;
  departmentCode: string | null;
  priority: number;
  serviceLevelSeconds: number;
  active: boolean;
}

/** a survey campaigns can ask; the definition is checked by the server's survey schema */
export interface Survey {
  id: number;
  code: string;
  version: number;
  title: string;
  titleHi: string;
  /** fixed, so two seeds from one seed value are the same to the byte */
  createdAt: string;
  definition: unknown;
}

export interface Place {
  name: string;
  pincode: string;
  geonamesDistrict: string;
  subdistrict: string;
  lat: number;
  lon: number;
}

export interface PersonName {
  en: string;
  hi: string;
}

export interface NamePools {
  male: Readonly<Record<Region, readonly PersonName[]>>;
  female: Readonly<Record<Region, readonly PersonName[]>>;
  surname: Readonly<Record<Region, readonly PersonName[]>>;
}

export interface OfficeGap {
  districtCode: number;
  districtName: string;
  departmentCode: string;
}

export interface ReferenceData {
  districts: District[];
  blocks: Block[];
  departments: Department[];
  schemes: Scheme[];
  categories: GrievanceCategory[];
  facilityTypes: FacilityType[];
  realFacilities: Facility[];
  serviceTypes: ServiceType[];
  offices: Office[];
  officeGaps: OfficeGap[];
  queues: Queue[];
  surveys: Survey[];
  places: Place[];
  names: NamePools;
  districtByCode: ReadonlyMap<number, District>;
  /** district office of (department, district), or the department's state office */
  officeFor(departmentCode: string, districtCode: number): Office;
}

// ───────────────────────── CSV reading ─────────────────────────

type Row = ReadonlyMap<string, string>;

function readCsv(dir: string, file: string): Row[] {
  const records = parse(readFileSync(`${dir}/${file}`), { bom: true, skip_empty_lines: true });
  const [header, ...rows] = records;
  if (!header) throw new Error(`${file} is empty`);
  return rows.map((cells, i) => {
    if (cells.length !== header.length) throw new Error(`${file} line ${i + 2}: ${cells.length} cells, header has ${header.length}`);
    return new Map(header.map((name, j) => [name, cells[j] ?? '']));
  });
}

function text(row: Row, column: string): string {
  const v = row.get(column);
  if (v === undefined) throw new Error(`missing column ${column}`);
  return v.trim();
}

function optionalText(row: Row, column: string): string | null {
  const v = text(row, column);
  return v === '' ? null : v;
}

function int(row: Row, column: string): number {
  const v = Number(text(row, column));
  if (!Number.isInteger(v)) throw new Error(`column ${column}: not an integer: ${text(row, column)}`);
  return v;
}

function optionalFloat(row: Row, column: string): number | null {
  const v = text(row, column);
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`column ${column}: not a number: ${v}`);
  return n;
}

function float(row: Row, column: string): number {
  const n = optionalFloat(row, column);
  if (n === null) throw new Error(`column ${column} is empty`);
  return n;
}

// ───────────────────────── loaders ─────────────────────────

function loadDistricts(dir: string): District[] {
  return readCsv(dir, 'cg-districts.csv').map((r) => ({
    lgdCode: int(r, 'district_lgd_code'),
    name: text(r, 'district_name'),
    nameHi: text(r, 'district_name_hi'),
    nameLgd: text(r, 'district_name_lgd'),
    division: text(r, 'division'),
    hqName: text(r, 'hq_name'),
    hqNameHi: text(r, 'hq_name_hi'),
    hqLat: optionalFloat(r, 'hq_lat'),
    hqLon: optionalFloat(r, 'hq_lon'),
  }));
}

/** Block ids follow the CSV order, so they are stable for a given seed-data version. */
function loadBlocks(dir: string): Block[] {
  return readCsv(dir, 'cg-blocks.csv').map((r, i) => ({
    id: i + 1,
    lgdCode: int(r, 'block_lgd_code'),
    districtCode: int(r, 'district_lgd_code'),
    name: text(r, 'block_name'),
    nameHi: text(r, 'block_name_hi'),
    nameLgd: text(r, 'block_name_lgd'),
    nameHiLgd: text(r, 'block_name_hi_lgd'),
    shared: text(r, 'shared_block') === 'yes',
    hqLat: optionalFloat(r, 'hq_lat'),
    hqLon: optionalFloat(r, 'hq_lon'),
  }));
}

function loadDepartments(dir: string): Department[] {
  return readCsv(dir, 'departments.csv').map((r) => ({
    code: text(r, 'dept_code'),
    nameEn: text(r, 'name_en'),
    nameHi: text(r, 'name_hi'),
    helplineTier: text(r, 'helpline_tier'),
    citizenServices: text(r, 'citizen_services'),
  }));
}

function loadSurveys(dir: string): Survey[] {
  const rows = JSON.parse(readFileSync(`${dir}/surveys.json`, 'utf8')) as Survey[];
  for (const r of rows) if (!Number.isInteger(r.id) || !r.code || !r.title || !r.titleHi || !r.definition || Number.isNaN(Date.parse(r.createdAt))) throw new Error(`surveys.json: survey ${r.code ?? '?'} is incomplete`);
  return rows;
}

function loadSchemes(dir: string): Scheme[] {
  return readCsv(dir, 'schemes.csv').map((r) => {
    const code = text(r, 'scheme_id');
    const rule = SCHEME_RULES[code];
    if (!rule) throw new Error(`scheme ${code} has no rule in catalogue.ts`);
    return {
      code,
      nameEn: text(r, 'name_en'),
      nameHi: text(r, 'name_hi'),
      level: text(r, 'level'),
      departmentCode: text(r, 'dept_code'),
      beneficiaries: text(r, 'beneficiaries'),
      benefitSummary: text(r, 'benefit_summary'),
      delivery: text(r, 'delivery'),
      status: text(r, 'status'),
      monthlyAmountPaise: rule.monthlyAmountPaise,
    };
  });
}

function loadCategories(dir: string): GrievanceCategory[] {
  return readCsv(dir, 'grievance-categories.csv').map((r) => {
    const departmentCode = text(r, 'dept_code');
    const related = text(r, 'related_scheme_ids');
    return {
      code: text(r, 'category_code'),
      departmentCode,
      nameEn: text(r, 'category_en'),
      nameHi: text(r, 'category_hi'),
      deadlineDays: DEADLINE_DAYS[departmentCode] ?? DEFAULT_DEADLINE_DAYS,
      relatedSchemes: related === '' ? [] : related.split(';').map((s) => s.trim()).filter((s) => s !== ''),
    };
  });
}

function loadFacilityTypes(dir: string): FacilityType[] {
  const listed = readCsv(dir, 'facility-types.csv').map((r) => ({
    code: text(r, 'facility_type'),
    nameEn: text(r, 'name_en'),
    nameHi: text(r, 'name_hi'),
    departmentCode: optionalText(r, 'dept_code'),
  }));
  return [...listed, ...EXTRA_FACILITY_TYPES];
}

/**
 * Published points: railway stations, hospitals, collectorates. Ids 1..n in CSV order. The
 * pack's own id (CGF0001…) is kept as external_ref when the source gives no reference.
 * block_id stays null: the sources do not say which block a point is in.
 */
function loadRealFacilities(dir: string): Facility[] {
  return readCsv(dir, 'facilities-sample.csv').map((r, i) => ({
    id: i + 1,
    typeCode: text(r, 'facility_type'),
    name: text(r, 'name'),
    nameLocal: optionalText(r, 'name_local'),
    districtCode: int(r, 'district_lgd_code'),
    blockId: null,
    lat: float(r, 'lat'),
    lon: float(r, 'lon'),
    synthetic: false,
    source: text(r, 'source'),
    externalRef: optionalText(r, 'source_ref') ?? text(r, 'facility_id'),
    coordQuality: optionalText(r, 'coord_quality'),
  }));
}

function loadPlaces(dir: string): Place[] {
  return readCsv(dir, 'cg-pincodes.csv').map((r) => ({
    name: text(r, 'place_name'),
    pincode: text(r, 'pincode'),
    geonamesDistrict: text(r, 'district_geonames'),
    subdistrict: text(r, 'subdistrict_geonames'),
    lat: float(r, 'lat'),
    lon: float(r, 'lon'),
  }));
}

const REGIONS: readonly Region[] = ['general', 'cg_plains', 'tribal_south', 'tribal_north', 'muslim'];

function isRegion(v: string): v is Region {
  return (REGIONS as readonly string[]).includes(v);
}

function emptyPools(): Record<Region, PersonName[]> {
  return { general: [], cg_plains: [], tribal_south: [], tribal_north: [], muslim: [] };
}

function loadNames(dir: string): NamePools {
  const male = emptyPools();
  const female = emptyPools();
  const surname = emptyPools();
  for (const r of readCsv(dir, 'names.csv')) {
    const region = text(r, 'region_hint');
    if (!isRegion(region)) throw new Error(`names.csv: unknown region_hint ${region}`);
    const name = { en: text(r, 'name_en'), hi: text(r, 'name_hi') };
    const kind = text(r, 'kind');
    if (kind === 'given_male') male[region].push(name);
    else if (kind === 'given_female') female[region].push(name);
    else if (kind === 'surname') surname[region].push(name);
    else throw new Error(`names.csv: unknown kind ${kind}`);
  }
  for (const region of REGIONS) {
    if (male[region].length === 0 || female[region].length === 0 || surname[region].length === 0) {
      throw new Error(`names.csv: region ${region} lacks male, female or surname entries`);
    }
  }
  return { male, female, surname };
}

// ───────────────────────── derived tables ─────────────────────────

function buildServiceTypes(departments: readonly Department[]): ServiceType[] {
  const known = new Set(departments.map((d) => d.code));
  return SERVICE_TYPES.map((s) => {
    if (!known.has(s.departmentCode)) throw new Error(`service ${s.code}: unknown department ${s.departmentCode}`);
    return { code: s.code, nameEn: s.nameEn, nameHi: s.nameHi, departmentCode: s.departmentCode, slaDays: s.slaDays };
  });
}

/**
 * One state office per department (ids 1..25 in CSV order), then a district office for every
 * core department in every district, in district-CSV order, except the gaps in OFFICE_GAPS.
 */
function buildOffices(departments: readonly Department[], districts: readonly District[]): { offices: Office[]; gaps: OfficeGap[] } {
  const offices: Office[] = [];
  for (const d of departments) {
    offices.push({
      id: offices.length + 1,
      departmentCode: d.code,
      level: 'state',
      districtCode: null,
      blockId: null,
      name: `${d.nameEn}, State Office, Nava Raipur Atal Nagar`,
      nameHi: `${d.nameHi}, राज्य कार्यालय, नवा रायपुर अटल नगर`,
      phone: null,
    });
  }
  const gapKeys = new Set(OFFICE_GAPS.map((g) => `${g.districtCode}:${g.departmentCode}`));
  const core = departments.filter((d) => d.helplineTier === 'core');
  const gaps: OfficeGap[] = [];
  for (const district of districts) {
    for (const d of core) {
      if (gapKeys.has(`${district.lgdCode}:${d.code}`)) {
        gaps.push({ districtCode: district.lgdCode, districtName: district.name, departmentCode: d.code });
        continue;
      }
      const title = OFFICE_TITLES[d.code] ?? { en: `${d.nameEn}, District Office`, hi: `${d.nameHi}, जिला कार्यालय` };
      offices.push({
        id: offices.length + 1,
        departmentCode: d.code,
        level: 'district',
        districtCode: district.lgdCode,
        blockId: null,
        name: `${title.en}, ${district.name}`,
        nameHi: `${title.hi}, ${district.nameHi}`,
        phone: null,
      });
    }
  }
  if (gaps.length !== OFFICE_GAPS.length) throw new Error('an office gap names a district or department that is not core');
  return { offices, gaps };
}

function buildQueues(departments: readonly Department[]): Queue[] {
  const known = new Set(departments.map((d) => d.code));
  return QUEUES.map((q, i) => {
    if (q.departmentCode !== null && !known.has(q.departmentCode)) throw new Error(`queue ${q.code}: unknown department`);
    return { id: i + 1, ...q, serviceLevelSeconds: 20, active: true };
  });
}

export function loadReferenceData(dir: string = SEED_DATA_DIR): ReferenceData {
  const districts = loadDistricts(dir);
  const blocks = loadBlocks(dir);
  const departments = loadDepartments(dir);
  const { offices, gaps } = buildOffices(departments, districts);
  const districtByCode = new Map(districts.map((d) => [d.lgdCode, d]));
  for (const b of blocks) {
    if (!districtByCode.has(b.districtCode)) throw new Error(`block ${b.lgdCode}: unknown district ${b.districtCode}`);
  }
  const stateOffice = new Map<string, Office>();
  const districtOffice = new Map<string, Office>();
  for (const o of offices) {
    if (o.level === 'state') stateOffice.set(o.departmentCode, o);
    else districtOffice.set(`${o.departmentCode}:${o.districtCode}`, o);
  }
  return {
    districts,
    blocks,
    departments,
    schemes: loadSchemes(dir),
    categories: loadCategories(dir),
    facilityTypes: loadFacilityTypes(dir),
    realFacilities: loadRealFacilities(dir),
    serviceTypes: buildServiceTypes(departments),
    offices,
    officeGaps: gaps,
    queues: buildQueues(departments),
    surveys: loadSurveys(dir),
    places: loadPlaces(dir),
    names: loadNames(dir),
    districtByCode,
    officeFor(departmentCode: string, districtCode: number): Office {
      const office = districtOffice.get(`${departmentCode}:${districtCode}`) ?? stateOffice.get(departmentCode);
      if (!office) throw new Error(`no office at all for department ${departmentCode}`);
      return office;
    },
  };
}

// The GeoNames postal file still uses pre-2012 district names; these are the old districts
// each of today's districts was carved from, so villages are drawn from the right area.
export const GEONAMES_DISTRICTS: Readonly<Record<number, readonly string[]>> = {
  646: ['Durg'], // Balod
  644: ['Raipur'], // Baloda Bazar-Bhatapara
  649: ['Surguja'], // Balrampur-Ramanujganj
  374: ['Bastar'],
  650: ['Durg'], // Bemetara
  636: ['Bijapur(CGH)', 'Dantewada'],
  375: ['Bilaspur(CGH)'],
  376: ['Dantewada'],
  377: ['Dhamtari'],
  378: ['Durg'],
  645: ['Gariaband', 'Raipur'],
  734: ['Bilaspur(CGH)'], // Gaurela-Pendra-Marwahi
  379: ['Janjgir-champa'],
  380: ['Jashpur'],
  382: ['Kawardha', 'Kabirdham'],
  381: ['Kanker'],
  759: ['Rajnandgaon'], // Khairagarh-Chhuikhadan-Gandai
  643: ['Bastar'], // Kondagaon
  383: ['Korba'],
  384: ['Koriya'],
  385: ['Mahasamund'],
  760: ['Koriya'], // Manendragarh-Chirmiri-Bharatpur
  761: ['Rajnandgaon'], // Mohla-Manpur-Ambagarh Chowki
  647: ['Bilaspur(CGH)'], // Mungeli
  637: ['Narayanpur', 'Bastar'],
  386: ['Raigarh'],
  387: ['Raipur'],
  388: ['Rajnandgaon'],
  762: ['Janjgir-champa'], // Sakti
  763: ['Raigarh', 'Raipur'], // Sarangarh-Bilaigarh
  642: ['Dantewada'], // Sukma
  648: ['Surguja'], // Surajpur
  389: ['Surguja'],
};
