import type { TSqlPool } from '@samvad/db';
import { NotFound } from '../../errors.js';
import type { TAuthUser } from '../../http/route.js';
import { maskPhone } from '../../shared/phone.js';
import { ageOn, dateInIndia, toIsoUtc } from '../../shared/time.js';
import type { TViewPurpose } from '../audit/audit.schemas.js';
import type { TAuditLog } from '../audit/audit.service.js';
import { findCards, findHouseholdIdsByPhone, type TCardRow } from './households.repo.js';
import type { THouseholdCard } from './households.schemas.js';

/** A phone shared by more households than this is almost certainly a kiosk or an operator. */
const MAX_HOUSEHOLDS_PER_PHONE = 10;

export function maskAadhaar(last4: string | null): string | null {
  return last4 ? `XXXX XXXX ${last4}` : null;
}

/** Shapes a card for one viewer: officers see masked phones and no anonymous grievances. */
export function toCard(row: TCardRow, viewer: TAuthUser, now: Date): THouseholdCard {
  const today = dateInIndia(now);
  const maskPhones = viewer.role === 'officer';
  return {
    id: row.id,
    cardNumber: row.card_number,
    rationCategory: row.ration_category,
    address: row.address,
    village: row.village,
    pincode: row.pincode,
    district: row.district,
    block: row.block,
    location: { lat: row.lat, lon: row.lon },
    members: row.members.map(({ aadhaarLast4, ...member }) => ({
      ...member,
      age: ageOn(member.birthDate, today),
      mobile: maskPhones ? maskPhone(member.mobile) : member.mobile,
      mobileMasked: maskPhones && member.mobile !== null,
      aadhaar: maskAadhaar(aadhaarLast4),
    })),
    schemes: row.schemes.map((scheme) => ({
      ...scheme,
      failedPayments: scheme.payments.filter((p) => p.status === 'failed').length,
    })),
    openApplications: row.applications.map((a) => ({
      ...a,
      submittedAt: toIsoUtc(a.submittedAt),
      timeline: a.timeline.map((t) => ({ ...t, at: toIsoUtc(t.at) })),
    })),
    recentGrievances: row.grievances
      .filter((g) => !(maskPhones && g.anonymous))
      .map((g) => ({
        ...g,
        createdAt: toIsoUtc(g.createdAt),
        dueAt: toIsoUtc(g.dueAt),
        resolvedAt: g.resolvedAt ? toIsoUtc(g.resolvedAt) : null,
      })),
    recentCalls: row.calls.map((c) => ({
      ...c,
      offeredAt: toIsoUtc(c.offeredAt),
      endedAt: c.endedAt ? toIsoUtc(c.endedAt) : null,
    })),
  };
}

export function createHouseholdService(deps: { sql: TSqlPool; audit: TAuditLog; now?: () => Date }) {
  const { sql, audit, now = () => new Date() } = deps;

  async function viewCards(ids: number[], viewer: TAuthUser, purpose: TViewPurpose, ip: string | undefined, action: string) {
    const rows = await findCards(sql, ids);
    await audit.record(
      viewer,
      purpose,
      rows.map((row) => ({ action, subjectType: 'household', subjectId: String(row.id) })),
      ip,
    );
    const at = now();
    return rows.map((row) => toCard(row, viewer, at));
  }

  return {
    /** The screen-pop: every household with a member on this number. */
    async byPhone(e164: string, viewer: TAuthUser, purpose: TViewPurpose, ip?: string) {
      const ids = await findHouseholdIdsByPhone(sql, e164, MAX_HOUSEHOLDS_PER_PHONE);
      return { phone: e164, households: await viewCards(ids, viewer, purpose, ip, 'household.view.by_phone') };
    },

    async byId(id: number, viewer: TAuthUser, purpose: TViewPurpose, ip?: string) {
      const [card] = await viewCards([id], viewer, purpose, ip, 'household.view');
      if (!card) throw NotFound('Household');
      return card;
    },
  };
}

export type THouseholdService = ReturnType<typeof createHouseholdService>;
