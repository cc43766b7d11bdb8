import type { TSqlPool } from '@samvad/db';
import type { TApplicationStatus, TGrievanceStatus, THouseholdBrief, TLanguage, TSchemeBrief } from '@samvad/ivr-flows';

/**
 * The IVR's reads, on node-postgres with named statements: every helpline call asks at least
 * one of them, so each connection prepares them once (the pool forces generic plans) and dates
 * come back already as India's calendar dates, the way the flow reads them out.
 */

/** A household on the caller's number, with the members whose own number it is. */
export interface TCallerHousehold extends THouseholdBrief {
  districtCode: number;
  blockId: number;
  /** residents of this household whose mobile is the caller's number */
  callerResidentIds: number[];
}

const APPLICATION_SQL = `
  SELECT a.application_no, st.name_en, st.name_hi, a.status::text AS status,
         to_char(coalesce(
           (SELECT max(ae.at) FROM application_events ae WHERE ae.application_id = a.id AND ae.status = a.status),
           a.submitted_at) AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD') AS since,
         to_char(a.expected_by, 'YYYY-MM-DD') AS expected_by, a.next_step
    FROM service_applications a JOIN service_types st ON st.code = a.service_code
   WHERE a.application_no = $1`;

export async function findApplicationStatus(sql: TSqlPool, applicationNo: string): Promise<TApplicationStatus | null> {
  const { rows } = await sql.query<{
    application_no: string;
    name_en: string;
    name_hi: string;
    status: TApplicationStatus['status'];
    since: string;
    expected_by: string;
    next_step: string | null;
  }>({ name: 'ivr-application-status', text: APPLICATION_SQL, values: [applicationNo] });
  const row = rows[0];
  if (!row) return null;
  return {
    applicationNo: row.application_no,
    serviceNameEn: row.name_en,
    serviceNameHi: row.name_hi,
    status: row.status,
    since: row.since,
    expectedBy: row.expected_by,
    nextStep: row.next_step,
  };
}

const GRIEVANCE_SQL = `
  SELECT g.docket_no, g.status::text AS status, o.name, o.name_hi,
         to_char(g.due_at AT TIME ZONE 'Asia/Kolkata', 'YYYY-MM-DD') AS due_on
    FROM grievances g JOIN offices o ON o.id = g.office_id
   WHERE g.docket_no = $1`;

export async function findGrievanceStatus(sql: TSqlPool, docketNo: string): Promise<TGrievanceStatus | null> {
  const { rows } = await sql.query<{ docket_no: string; status: string; name: string; name_hi: string; due_on: string }>({
    name: 'ivr-grievance-status',
    text: GRIEVANCE_SQL,
    values: [docketNo],
  });
  const row = rows[0];
  if (!row) return null;
  return { docketNo: row.docket_no, status: row.status, officeNameEn: row.name, officeNameHi: row.name_hi, dueOn: row.due_on };
}

// The head's name; the language of the caller when one member owns the number, else the head's.
const HOUSEHOLDS_SQL = `
  SELECT h.id, h.district_code, h.block_id, head.name_en, head.name_hi,
         CASE WHEN cardinality(m.ids) = 1 THEN m.languages[1] ELSE head.language::text END AS language,
         m.ids AS caller_resident_ids
    FROM (SELECT household_id, array_agg(id ORDER BY id) AS ids, array_agg(language::text ORDER BY id) AS languages
            FROM residents WHERE mobile = $1 GROUP BY household_id ORDER BY household_id LIMIT $2) m
    JOIN households h ON h.id = m.household_id
    JOIN LATERAL (SELECT r.name_en, r.name_hi, r.language FROM residents r WHERE r.household_id = h.id
                   ORDER BY r.relation <> 'head', r.birth_date, r.id LIMIT 1) head ON true
   ORDER BY h.id`;

/** More households than this on one number is a data problem; the flow offers at most a few. */
const MAX_HOUSEHOLDS_PER_NUMBER = 9;

export async function findCallerHouseholds(sql: TSqlPool, e164: string): Promise<TCallerHousehold[]> {
  const { rows } = await sql.query<{
    id: number;
    district_code: number;
    block_id: number;
    name_en: string;
    name_hi: string;
    language: TLanguage;
    caller_resident_ids: number[];
  }>({ name: 'ivr-households-by-caller', text: HOUSEHOLDS_SQL, values: [e164, MAX_HOUSEHOLDS_PER_NUMBER] });
  return rows.map((row) => ({
    householdId: row.id,
    headNameEn: row.name_en,
    headNameHi: row.name_hi,
    preferredLanguage: row.language,
    districtCode: row.district_code,
    blockId: row.block_id,
    callerResidentIds: row.caller_resident_ids,
  }));
}

const SCHEMES_SQL = `
  SELECT s.code, s.name_en, s.name_hi, p.period, p.amount_paise, p.status, p.failure_reason
    FROM enrolments e
    JOIN schemes s ON s.code = e.scheme_code
    LEFT JOIN LATERAL (SELECT to_char(bp.period, 'YYYY-MM-DD') AS period, bp.amount_paise, bp.status::text AS status, bp.failure_reason
                         FROM benefit_payments bp WHERE bp.enrolment_id = e.id
                        ORDER BY bp.period DESC LIMIT 1) p ON true
   WHERE e.household_id = $1 AND e.status = 'active'
   ORDER BY e.id`;

export async function findSchemeBriefs(sql: TSqlPool, householdId: number): Promise<TSchemeBrief[]> {
  const { rows } = await sql.query<{
    code: string;
    name_en: string;
    name_hi: string;
    period: string | null;
    amount_paise: number | null;
    status: 'credited' | 'failed' | 'pending' | null;
    failure_reason: string | null;
  }>({ name: 'ivr-scheme-briefs', text: SCHEMES_SQL, values: [householdId] });
  return rows.map((row) => ({
    schemeCode: row.code,
    nameEn: row.name_en,
    nameHi: row.name_hi,
    lastPayment:
      row.period === null || row.amount_paise === null || row.status === null
        ? null
        : { period: row.period, amountPaise: row.amount_paise, status: row.status, failureReason: row.failure_reason },
  }));
}
