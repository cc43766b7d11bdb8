import type { PrismaClient } from '@samvad/db';
import { Invalid } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { maskPhone } from '../../shared/phone.js';
import { ageOn, dateInIndia } from '../../shared/time.js';
import type { TViewPurpose } from '../audit/audit.schemas.js';
import type { TAuditLog } from '../audit/audit.service.js';
import { classifySearch, likePrefix, type TSearchIntent } from './search-query.js';

const LIMIT = 20;

interface TResidentRow {
  resident_id: number;
  household_id: number;
  card_number: string;
  name_en: string;
  name_hi: string;
  gender: 'female' | 'male' | 'other';
  birth_date: Date;
  relation: string;
  mobile: string | null;
  village: string;
  district_code: number;
  district_name: string;
  matched_by: 'name' | 'card_number' | 'application_no' | 'aadhaar_last4';
}

export function createResidentService(deps: { prisma: PrismaClient; audit: TAuditLog; now?: () => Date }) {
  const { prisma, audit, now = () => new Date() } = deps;

  function find(intent: Exclude<TSearchIntent, { kind: 'invalid' }>, districtCode: number | undefined) {
    const district = districtCode ?? null;
    switch (intent.kind) {
      case 'name_latin':
        return prisma.$queryRaw<TResidentRow[]>`
          SELECT r.id AS resident_id, r.household_id, h.card_number, r.name_en, r.name_hi, r.gender::text, r.birth_date,
                 r.relation::text, r.mobile, h.village, h.district_code, d.name AS district_name, 'name' AS matched_by
          FROM residents r JOIN households h ON h.id = r.household_id JOIN districts d ON d.lgd_code = h.district_code
          WHERE lower(r.name_en) LIKE ${likePrefix(intent.prefix)}
            AND (${district}::int IS NULL OR h.district_code = ${district}::int)
          ORDER BY lower(r.name_en) USING ~<~, r.id LIMIT ${LIMIT}`;
      case 'name_devanagari':
        return prisma.$queryRaw<TResidentRow[]>`
          SELECT r.id AS resident_id, r.household_id, h.card_number, r.name_en, r.name_hi, r.gender::text, r.birth_date,
                 r.relation::text, r.mobile, h.village, h.district_code, d.name AS district_name, 'name' AS matched_by
          FROM residents r JOIN households h ON h.id = r.household_id JOIN districts d ON d.lgd_code = h.district_code
          WHERE r.name_hi LIKE ${likePrefix(intent.prefix)}
            AND (${district}::int IS NULL OR h.district_code = ${district}::int)
          ORDER BY r.name_hi USING ~<~, r.id LIMIT ${LIMIT}`;
      case 'number12':
        // Card numbers and application numbers are both twelve digits: look for either.
        return prisma.$queryRaw<TResidentRow[]>`
          SELECT r.id AS resident_id, r.household_id, h.card_number, r.name_en, r.name_hi, r.gender::text, r.birth_date,
                 r.relation::text, r.mobile, h.village, h.district_code, d.name AS district_name, m.matched_by
          FROM (
            SELECT r.id, 'card_number' AS matched_by FROM households h JOIN residents r ON r.household_id = h.id
            WHERE h.card_number = ${intent.digits}
            UNION ALL
            SELECT a.resident_id, 'application_no' FROM service_applications a WHERE a.application_no = ${intent.digits}
          ) m
          JOIN residents r ON r.id = m.id JOIN households h ON h.id = r.household_id JOIN districts d ON d.lgd_code = h.district_code
          ORDER BY r.relation <> 'head', r.id LIMIT ${LIMIT}`;
      case 'aadhaar_last4':
        return prisma.$queryRaw<TResidentRow[]>`
          SELECT r.id AS resident_id, r.household_id, h.card_number, r.name_en, r.name_hi, r.gender::text, r.birth_date,
                 r.relation::text, r.mobile, h.village, h.district_code, d.name AS district_name, 'aadhaar_last4' AS matched_by
          FROM residents r JOIN households h ON h.id = r.household_id JOIN districts d ON d.lgd_code = h.district_code
          WHERE r.aadhaar_last4 = ${intent.last4}
            AND r.birth_date >= make_date(${intent.birthYear}::int, 1, 1)
            AND r.birth_date < make_date(${intent.birthYear}::int + 1, 1, 1)
          ORDER BY r.id LIMIT ${LIMIT}`;
    }
  }

  return {
    async search(q: string, options: { birthYear?: number; districtCode?: number }, viewer: TAuthUser, purpose: TViewPurpose, ip?: string) {
      const intent = classifySearch(q, options.birthYear);
      if (intent.kind === 'invalid') throw Invalid(intent.message, [{ field: 'query.q', message: intent.message }]);
      const rows = await find(intent, options.districtCode);
      await audit.record(
        viewer,
        purpose,
        rows.map((row) => ({
          action: 'resident.search',
          subjectType: 'resident',
          subjectId: String(row.resident_id),
          details: { matchedBy: row.matched_by },
        })),
        ip,
      );
      const today = dateInIndia(now());
      return {
        query: intent.kind,
        results: rows.map((row) => ({
          residentId: row.resident_id,
          householdId: row.household_id,
          cardNumber: row.card_number,
          nameEn: row.name_en,
          nameHi: row.name_hi,
          gender: row.gender,
          age: ageOn(row.birth_date.toISOString().slice(0, 10), today),
          relation: row.relation,
          mobile: viewer.role === 'officer' ? maskPhone(row.mobile) : row.mobile,
          village: row.village,
          district: { code: row.district_code, name: row.district_name },
          matchedBy: row.matched_by,
        })),
      };
    },
  };
}

export type TResidentService = ReturnType<typeof createResidentService>;
