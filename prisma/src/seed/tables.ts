import type { ApplicationEventRow, ApplicationRow } from './applications.js';
import type { EnrolmentRow, PaymentRow } from './benefits.js';
import { arrayLiteral, date, line, timestamp, type CopyBuffer } from './copy-format.js';
import type { HouseholdRow, ResidentRow } from './household.js';
import type {
  Block, Department, District, Facility, FacilityType, GrievanceCategory, Office, Queue, Scheme, ServiceType, Survey,
} from './reference.js';
import type { UserRow } from './users.js';

// Column lists (the snake_case names of schema.prisma's @map) and one function per table that
// turns a row into a COPY text line. The column order here is the order of the COPY statement,
// not necessarily the table's.

export interface TableSpec<T> {
  table: string;
  columns: readonly string[];
  line(row: T): string;
}

/** what COPY needs to know about a table */
export type CopyTarget = Pick<TableSpec<unknown>, 'table' | 'columns'>;

/** a bulk table also writes straight into a CopyBuffer; write() and line() give the same bytes */
export interface BulkTableSpec<T> extends TableSpec<T> {
  write(out: CopyBuffer, row: T): void;
}

// ───────────────────────── reference tables ─────────────────────────

export const districtsTable: TableSpec<District> = {
  table: 'districts',
  columns: ['lgd_code', 'name', 'name_hi', 'name_lgd', 'division', 'hq_name', 'hq_name_hi', 'hq_lat', 'hq_lon'],
  line: (d) => line([d.lgdCode, d.name, d.nameHi, d.nameLgd, d.division, d.hqName, d.hqNameHi, d.hqLat, d.hqLon]),
};

export const blocksTable: TableSpec<Block> = {
  table: 'blocks',
  columns: ['id', 'lgd_code', 'district_code', 'name', 'name_hi', 'name_lgd', 'name_hi_lgd', 'shared', 'hq_lat', 'hq_lon'],
  line: (b) => line([b.id, b.lgdCode, b.districtCode, b.name, b.nameHi, b.nameLgd, b.nameHiLgd, b.shared, b.hqLat, b.hqLon]),
};

export const departmentsTable: TableSpec<Department> = {
  table: 'departments',
  columns: ['code', 'name_en', 'name_hi', 'helpline_tier', 'citizen_services'],
  line: (d) => line([d.code, d.nameEn, d.nameHi, d.helplineTier, d.citizenServices]),
};

export const schemesTable: TableSpec<Scheme> = {
  table: 'schemes',
  columns: ['code', 'name_en', 'name_hi', 'level', 'department_code', 'beneficiaries', 'benefit_summary', 'delivery', 'status', 'monthly_amount_paise'],
  line: (s) => line([s.code, s.nameEn, s.nameHi, s.level, s.departmentCode, s.beneficiaries, s.benefitSummary, s.delivery, s.status, s.monthlyAmountPaise]),
};

export const serviceTypesTable: TableSpec<ServiceType> = {
  table: 'service_types',
  columns: ['code', 'name_en', 'name_hi', 'department_code', 'sla_days'],
  line: (s) => line([s.code, s.nameEn, s.nameHi, s.departmentCode, s.slaDays]),
};

export const grievanceCategoriesTable: TableSpec<GrievanceCategory> = {
  table: 'grievance_categories',
  columns: ['code', 'department_code', 'name_en', 'name_hi', 'deadline_days', 'related_schemes'],
  line: (c) => line([c.code, c.departmentCode, c.nameEn, c.nameHi, c.deadlineDays, arrayLiteral(c.relatedSchemes)]),
};

export const facilityTypesTable: TableSpec<FacilityType> = {
  table: 'facility_types',
  columns: ['code', 'name_en', 'name_hi', 'department_code'],
  line: (t) => line([t.code, t.nameEn, t.nameHi, t.departmentCode]),
};

export const facilitiesTable: TableSpec<Facility> = {
  table: 'facilities',
  columns: ['id', 'type_code', 'name', 'name_local', 'district_code', 'block_id', 'lat', 'lon', 'synthetic', 'source', 'external_ref', 'coord_quality'],
  line: (f) => line([f.id, f.typeCode, f.name, f.nameLocal, f.districtCode, f.blockId, f.lat, f.lon, f.synthetic, f.source, f.externalRef, f.coordQuality]),
};

export const officesTable: TableSpec<Office> = {
  table: 'offices',
  columns: ['id', 'department_code', 'level', 'district_code', 'block_id', 'name', 'name_hi', 'phone'],
  line: (o) => line([o.id, o.departmentCode, o.level, o.districtCode, o.blockId, o.name, o.nameHi, o.phone]),
};

export const queuesTable: TableSpec<Queue> = {
  table: 'queues',
  columns: ['id', 'code', 'name', 'name_hi', 'language', 'department_code', 'priority', 'service_level_seconds', 'active'],
  line: (q) => line([q.id, q.code, q.name, q.nameHi, q.language, q.departmentCode, q.priority, q.serviceLevelSeconds, q.active]),
};

export const surveysTable: TableSpec<Survey> = {
  table: 'surveys',
  columns: ['id', 'code', 'version', 'title', 'title_hi', 'definition', 'created_at'],
  line: (s) => line([s.id, s.code, s.version, s.title, s.titleHi, JSON.stringify(s.definition), s.createdAt]),
};

export const usersTable: TableSpec<UserRow> = {
  table: 'users',
  columns: ['id', 'username', 'display_name', 'password_hash', 'role', 'department_code', 'district_code', 'office_id', 'languages', 'active', 'created_at'],
  line: (u) =>
    line([u.id, u.username, u.displayName, u.passwordHash, u.role, u.departmentCode, u.districtCode, u.officeId, `{${u.languages.join(',')}}`, u.active, timestamp(u.createdAt)]),
};

// ───────────────────────── bulk tables ─────────────────────────
// These run tens of millions of times at full scale, hence write(). Values the generator builds
// from digits and codes are written as plain ASCII; names, addresses and notes are escaped.

export const householdsTable: BulkTableSpec<HouseholdRow> = {
  table: 'households',
  columns: ['id', 'card_number', 'ration_category', 'address', 'village', 'pincode', 'district_code', 'block_id', 'lat', 'lon', 'created_at'],
  line: (h) =>
    line([h.id, h.cardNumber, h.rationCategory, h.address, h.village, h.pincode, h.districtCode, h.blockId, h.lat, h.lon, timestamp(h.createdAt)]),
  write(o, h) {
    o.beginRow();
    o.int(h.id); o.tab();
    o.ascii(h.cardNumber); o.tab();
    o.ascii(h.rationCategory); o.tab();
    o.text(h.address); o.tab();
    o.text(h.village); o.tab();
    o.optText(h.pincode); o.tab();
    o.int(h.districtCode); o.tab();
    o.int(h.blockId); o.tab();
    o.float(h.lat); o.tab();
    o.float(h.lon); o.tab();
    o.timestamp(h.createdAt);
    o.endRow();
  },
};

export const residentsTable: BulkTableSpec<ResidentRow> = {
  table: 'residents',
  columns: ['id', 'household_id', 'name_en', 'name_hi', 'gender', 'birth_date', 'relation', 'mobile', 'language', 'contact_consent', 'dnd', 'aadhaar_hash', 'aadhaar_last4', 'created_at'],
  line: (r) =>
    line([r.id, r.householdId, r.nameEn, r.nameHi, r.gender, date(r.birthDate), r.relation, r.mobile, r.language, r.contactConsent, r.dnd, r.aadhaarHash, r.aadhaarLast4, timestamp(r.createdAt)]),
  write(o, r) {
    o.beginRow();
    o.int(r.id); o.tab();
    o.int(r.householdId); o.tab();
    o.text(r.nameEn); o.tab();
    o.text(r.nameHi); o.tab();
    o.ascii(r.gender); o.tab();
    o.date(r.birthDate); o.tab();
    o.ascii(r.relation); o.tab();
    o.optAscii(r.mobile); o.tab();
    o.ascii(r.language); o.tab();
    o.bool(r.contactConsent); o.tab();
    o.bool(r.dnd); o.tab();
    o.optAscii(r.aadhaarHash); o.tab();
    o.optAscii(r.aadhaarLast4); o.tab();
    o.timestamp(r.createdAt);
    o.endRow();
  },
};

export const enrolmentsTable: BulkTableSpec<EnrolmentRow> = {
  table: 'enrolments',
  columns: ['id', 'resident_id', 'household_id', 'scheme_code', 'beneficiary_id', 'status', 'enrolled_on'],
  line: (e) => line([e.id, e.residentId, e.householdId, e.schemeCode, e.beneficiaryId, e.status, date(e.enrolledOn)]),
  write(o, e) {
    o.beginRow();
    o.int(e.id); o.tab();
    o.int(e.residentId); o.tab();
    o.int(e.householdId); o.tab();
    o.ascii(e.schemeCode); o.tab();
    o.text(e.beneficiaryId); o.tab();
    o.ascii(e.status); o.tab();
    o.date(e.enrolledOn);
    o.endRow();
  },
};

export const paymentsTable: BulkTableSpec<PaymentRow> = {
  table: 'benefit_payments',
  columns: ['id', 'enrolment_id', 'period', 'amount_paise', 'status', 'failure_reason', 'paid_on', 'reference'],
  line: (p) => line([p.id, p.enrolmentId, date(p.period), p.amountPaise, p.status, p.failureReason, date(p.paidOn), p.reference]),
  write(o, p) {
    o.beginRow();
    o.int(p.id); o.tab();
    o.int(p.enrolmentId); o.tab();
    o.date(p.period); o.tab();
    o.int(p.amountPaise); o.tab();
    o.ascii(p.status); o.tab();
    o.optText(p.failureReason); o.tab();
    if (p.paidOn === null) o.nul();
    else o.date(p.paidOn);
    o.tab();
    o.optAscii(p.reference);
    o.endRow();
  },
};

export const applicationsTable: BulkTableSpec<ApplicationRow> = {
  table: 'service_applications',
  columns: ['id', 'application_no', 'service_code', 'resident_id', 'household_id', 'office_id', 'status', 'submitted_at', 'updated_at', 'expected_by', 'next_step'],
  line: (a) =>
    line([a.id, a.applicationNo, a.serviceCode, a.residentId, a.householdId, a.officeId, a.status, timestamp(a.submittedAt), timestamp(a.updatedAt), date(a.expectedBy), a.nextStep]),
  write(o, a) {
    o.beginRow();
    o.int(a.id); o.tab();
    o.ascii(a.applicationNo); o.tab();
    o.ascii(a.serviceCode); o.tab();
    o.int(a.residentId); o.tab();
    o.int(a.householdId); o.tab();
    o.int(a.officeId); o.tab();
    o.ascii(a.status); o.tab();
    o.timestamp(a.submittedAt); o.tab();
    o.timestamp(a.updatedAt); o.tab();
    o.date(a.expectedBy); o.tab();
    o.text(a.nextStep);
    o.endRow();
  },
};

export const eventsTable: BulkTableSpec<ApplicationEventRow> = {
  table: 'application_events',
  columns: ['id', 'application_id', 'status', 'at', 'note'],
  line: (e) => line([e.id, e.applicationId, e.status, timestamp(e.at), e.note]),
  write(o, e) {
    o.beginRow();
    o.int(e.id); o.tab();
    o.int(e.applicationId); o.tab();
    o.ascii(e.status); o.tab();
    o.timestamp(e.at); o.tab();
    o.text(e.note);
    o.endRow();
  },
};
