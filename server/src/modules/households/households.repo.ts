import type { TSqlPool } from '@samvad/db';

/** A household card as PostgreSQL assembles it: one round trip, whatever the family's size. */
export interface TCardRow {
  id: number;
  card_number: string;
  ration_category: string;
  address: string;
  village: string;
  pincode: string | null;
  lat: number;
  lon: number;
  district: { code: number; name: string; nameHi: string };
  block: { id: number; lgdCode: number; name: string; nameHi: string };
  members: {
    id: number;
    nameEn: string;
    nameHi: string;
    gender: 'female' | 'male' | 'other';
    birthDate: string;
    relation: string;
    mobile: string | null;
    language: 'hi' | 'cg' | 'en';
    dnd: boolean;
    contactConsent: boolean;
    aadhaarLast4: string | null;
  }[];
  schemes: {
    enrolmentId: number;
    schemeCode: string;
    schemeNameEn: string;
    schemeNameHi: string;
    residentId: number;
    beneficiaryId: string;
    status: 'active' | 'suspended' | 'closed';
    enrolledOn: string;
    inKind: boolean;
    payments: {
      period: string;
      amountPaise: number;
      status: 'credited' | 'failed' | 'pending';
      failureReason: string | null;
      paidOn: string | null;
    }[];
  }[];
  applications: {
    applicationNo: string;
    serviceCode: string;
    serviceNameEn: string;
    serviceNameHi: string;
    residentId: number;
    status: string;
    submittedAt: string;
    expectedBy: string;
    nextStep: string | null;
    timeline: { status: string; at: string; note: string | null }[];
  }[];
  grievances: {
    docketNo: string;
    categoryCode: string;
    categoryEn: string;
    categoryHi: string;
    status: string;
    anonymous: boolean;
    officeName: string;
    createdAt: string;
    dueAt: string;
    resolvedAt: string | null;
  }[];
  calls: {
    id: string;
    direction: 'inbound' | 'outbound';
    offeredAt: string;
    endedAt: string | null;
    disposition: string | null;
    agentUsername: string | null;
  }[];
}

/** How many recent grievances and calls a card shows. */
const RECENT = 10;

/** The screen-pop's hot path: node-postgres directly, parameters bound, one statement. */
export async function findCards(sql: TSqlPool, householdIds: number[]): Promise<TCardRow[]> {
  if (householdIds.length === 0) return [];
  // Named, so each connection prepares it once: planning this statement costs several times
  // more than running it.
  const result = await sql.query<TCardRow>({ name: 'household-cards', text: CARD_SQL, values: [householdIds, RECENT] });
  return result.rows;
}

const CARD_SQL = `
    SELECT h.id, h.card_number, h.ration_category::text, h.address, h.village, h.pincode, h.lat, h.lon,
      json_build_object('code', d.lgd_code, 'name', d.name, 'nameHi', d.name_hi) AS district,
      json_build_object('id', b.id, 'lgdCode', b.lgd_code, 'name', b.name, 'nameHi', b.name_hi) AS block,
      (SELECT coalesce(json_agg(json_build_object(
          'id', r.id, 'nameEn', r.name_en, 'nameHi', r.name_hi, 'gender', r.gender, 'birthDate', r.birth_date,
          'relation', r.relation, 'mobile', r.mobile, 'language', r.language, 'dnd', r.dnd,
          'contactConsent', r.contact_consent, 'aadhaarLast4', r.aadhaar_last4)
          ORDER BY r.relation <> 'head', r.birth_date, r.id), '[]')
        FROM residents r WHERE r.household_id = h.id) AS members,
      (SELECT coalesce(json_agg(json_build_object(
          'enrolmentId', e.id, 'schemeCode', e.scheme_code, 'schemeNameEn', s.name_en, 'schemeNameHi', s.name_hi,
          'residentId', e.resident_id, 'beneficiaryId', e.beneficiary_id, 'status', e.status,
          'enrolledOn', e.enrolled_on, 'inKind', s.delivery = 'in-kind',
          'payments', (SELECT coalesce(json_agg(json_build_object(
                'period', p.period, 'amountPaise', p.amount_paise, 'status', p.status,
                'failureReason', p.failure_reason, 'paidOn', p.paid_on) ORDER BY p.period DESC), '[]')
              FROM (SELECT * FROM benefit_payments bp WHERE bp.enrolment_id = e.id
                    ORDER BY bp.period DESC LIMIT 12) p))
          ORDER BY e.id), '[]')
        FROM enrolments e JOIN schemes s ON s.code = e.scheme_code WHERE e.household_id = h.id) AS schemes,
      (SELECT coalesce(json_agg(json_build_object(
          'applicationNo', a.application_no, 'serviceCode', a.service_code, 'serviceNameEn', st.name_en,
          'serviceNameHi', st.name_hi, 'residentId', a.resident_id, 'status', a.status,
          'submittedAt', a.submitted_at, 'expectedBy', a.expected_by, 'nextStep', a.next_step,
          'timeline', (SELECT coalesce(json_agg(json_build_object('status', ae.status, 'at', ae.at, 'note', ae.note)
                ORDER BY ae.at, ae.id), '[]') FROM application_events ae WHERE ae.application_id = a.id))
          ORDER BY a.submitted_at DESC), '[]')
        FROM service_applications a JOIN service_types st ON st.code = a.service_code
        WHERE a.household_id = h.id AND a.status NOT IN ('issued', 'rejected')) AS applications,
      (SELECT coalesce(json_agg(json_build_object(
          'docketNo', g.docket_no, 'categoryCode', g.category_code, 'categoryEn', gc.name_en, 'categoryHi', gc.name_hi,
          'status', g.status, 'anonymous', g.anonymous, 'officeName', o.name, 'createdAt', g.created_at,
          'dueAt', g.due_at, 'resolvedAt', g.resolved_at) ORDER BY g.created_at DESC), '[]')
        FROM (SELECT * FROM grievances WHERE household_id = h.id ORDER BY created_at DESC LIMIT $2) g
        JOIN grievance_categories gc ON gc.code = g.category_code JOIN offices o ON o.id = g.office_id) AS grievances,
      (SELECT coalesce(json_agg(json_build_object(
          'id', c.id, 'direction', c.direction, 'offeredAt', c.offered_at, 'endedAt', c.ended_at,
          'disposition', c.disposition, 'agentUsername', u.username) ORDER BY c.offered_at DESC), '[]')
        FROM (SELECT * FROM calls WHERE household_id = h.id ORDER BY offered_at DESC LIMIT $2) c
        LEFT JOIN users u ON u.id = c.agent_id) AS calls
    FROM households h
    JOIN districts d ON d.lgd_code = h.district_code
    JOIN blocks b ON b.id = h.block_id
    WHERE h.id = ANY($1::int[])
    ORDER BY h.id`;

/** Households with at least one member on this number; a shared family phone gives several. */
export async function findHouseholdIdsByPhone(sql: TSqlPool, e164: string, limit: number): Promise<number[]> {
  const result = await sql.query<{ household_id: number }>({
    name: 'households-by-phone',
    text: 'SELECT DISTINCT household_id FROM residents WHERE mobile = $1 ORDER BY household_id LIMIT $2',
    values: [e164, limit],
  });
  return result.rows.map((row) => row.household_id);
}
