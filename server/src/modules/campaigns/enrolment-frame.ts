import type { TEnrolmentRow } from '@samvad/campaigns';
import type { TSqlPool } from '@samvad/db';

/** enrolments read per round trip: large enough to amortise it, small enough to bound memory */
const PAGE_SIZE = 2000;

interface TFrameRow {
  enrolment_id: number;
  household_id: number;
  resident_id: number;
  scheme_code: string;
  district_code: number;
  block_id: number;
  gender: TEnrolmentRow['gender'];
  birth_year: number;
  mobile: string | null;
  last_payment_status: TEnrolmentRow['lastPaymentStatus'];
  last_payment_on: Date | null;
  dnd: boolean;
  consent: boolean;
  last_contacted_at: Date | null;
}

/**
 * The sampling frame: active enrolments (of one scheme, or all) with the facts the strata and
 * the exclusions need, read in pages by enrolment id so a million rows never sit in memory.
 * Contact recency is the latest attempt of any campaign on the resident or their household.
 */
export async function* enrolmentFrame(sql: TSqlPool, filter: { schemeCode: string | null }): AsyncGenerator<TEnrolmentRow[]> {
  let after = 0;
  for (;;) {
    const { rows } = await sql.query<TFrameRow>(
      `SELECT e.id AS enrolment_id, e.household_id, e.resident_id, e.scheme_code,
              h.district_code, h.block_id, r.gender::text AS gender,
              EXTRACT(YEAR FROM r.birth_date)::int AS birth_year, r.mobile,
              p.status::text AS last_payment_status, p.period AS last_payment_on,
              r.dnd, r.contact_consent AS consent,
              (SELECT max(a.started_at) FROM campaign_attempts a
                 JOIN campaign_contacts c ON c.id = a.contact_id
                WHERE c.resident_id = e.resident_id OR c.household_id = e.household_id) AS last_contacted_at
         FROM enrolments e
         JOIN residents r ON r.id = e.resident_id
         JOIN households h ON h.id = e.household_id
         LEFT JOIN LATERAL (
           SELECT bp.status, bp.period FROM benefit_payments bp
            WHERE bp.enrolment_id = e.id ORDER BY bp.period DESC, bp.id DESC LIMIT 1
         ) p ON true
        WHERE e.status = 'active' AND e.id > $1 AND ($2::text IS NULL OR e.scheme_code = $2)
        ORDER BY e.id
        LIMIT ${PAGE_SIZE}`,
      [after, filter.schemeCode],
    );
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      enrolmentId: row.enrolment_id,
      householdId: row.household_id,
      residentId: row.resident_id,
      schemeCode: row.scheme_code,
      districtCode: row.district_code,
      blockCode: row.block_id,
      gender: row.gender,
      birthYear: row.birth_year,
      mobile: row.mobile,
      lastPaymentStatus: row.last_payment_status,
      lastPaymentOn: row.last_payment_on,
      dnd: row.dnd,
      consent: row.consent,
      lastContactedAt: row.last_contacted_at,
    }));
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]?.enrolment_id ?? after;
  }
}
