import { isoDate, istTimestamp } from './calendar.js';
import { SERVICE_TYPES, type ServiceTypeDef } from './catalogue.js';
import type { HouseholdMember, RationCategory } from './benefits.js';
import type { IdCursor } from './ids.js';
import type { Permutation, Rng } from './rng.js';

// Service applications in every status, each with a timeline of events that starts with
// 'submitted', moves forward in time and ends in the application's current status.

export type ApplicationStatus = 'submitted' | 'under_verification' | 'pending_documents' | 'approved' | 'rejected' | 'issued';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted', 'under_verification', 'pending_documents', 'approved', 'rejected', 'issued',
];

export interface ApplicationRow {
  id: number;
  applicationNo: string;
  serviceCode: string;
  residentId: number;
  householdId: number;
  officeId: number;
  status: ApplicationStatus;
  submittedAt: number;
  updatedAt: number;
  expectedBy: number;
  nextStep: string;
}

export interface ApplicationEventRow {
  id: number;
  applicationId: number;
  status: ApplicationStatus;
  at: number;
  note: string;
}

export interface ApplicationHousehold {
  id: number;
  districtCode: number;
  rationCategory: RationCategory;
  members: readonly HouseholdMember[];
  enrolments: readonly { schemeCode: string }[];
}

export interface ApplicationContext {
  asOfDay: number;
  applicationNumbers: Permutation;
  officeIdFor(departmentCode: string, districtCode: number): number;
}

/** Share of households with at least one application, and with a second one. */
export const APPLICATION_RATE = 0.1;
const SECOND_APPLICATION_RATE = 0.15;

const STATUS_WEIGHTS: readonly (readonly [ApplicationStatus, number])[] = [
  ['submitted', 12], ['under_verification', 22], ['pending_documents', 10], ['approved', 10], ['rejected', 8], ['issued', 38],
];

const PENSIONS = ['IGNOAPS', 'IGNWPS', 'IGNDPS', 'SSPY', 'SSY', 'MPY'];

const SERVICE_BY_CODE: ReadonlyMap<string, ServiceTypeDef> = new Map(SERVICE_TYPES.map((s) => [s.code, s]));

function service(code: string): ServiceTypeDef {
  const s = SERVICE_BY_CODE.get(code);
  if (!s) throw new Error(`unknown service ${code}`);
  return s;
}

/** The services this household could plausibly have applied for, with who applied. */
function candidates(h: ApplicationHousehold): { code: string; member: HouseholdMember; weight: number }[] {
  const hd = h.members.find((m) => m.relation === 'head');
  if (!hd) throw new Error('household without a head');
  const out: { code: string; member: HouseholdMember; weight: number }[] = [];
  const schemes = new Set(h.enrolments.map((e) => e.schemeCode));
  const pensioned = PENSIONS.some((p) => schemes.has(p));
  for (const m of h.members) {
    if (m.age >= 60 && !pensioned) out.push({ code: 'OLD_AGE_PENSION', member: m, weight: 4 });
    if (m.age === 0) out.push({ code: 'BIRTH_CERT', member: m, weight: 6 });
    if (m.age >= 14 && m.age <= 24) {
      out.push({ code: 'INCOME_CERT', member: m, weight: 3 });
      out.push({ code: 'CASTE_CERT', member: m, weight: 2 });
      out.push({ code: 'RESIDENCE_CERT', member: m, weight: 2 });
    }
  }
  if (hd.gender === 'female' && !h.members.some((m) => m.relation === 'spouse') && hd.age >= 40 && !pensioned) {
    out.push({ code: 'WIDOW_PENSION', member: hd, weight: 5 });
  }
  if (h.rationCategory === 'disabled' && !pensioned) out.push({ code: 'DISABILITY_PENSION', member: hd, weight: 5 });
  if (h.rationCategory === 'none') out.push({ code: 'RATION_CARD_NEW', member: hd, weight: 6 });
  else if (h.members.some((m) => m.age <= 5 || m.relation === 'daughter_in_law')) out.push({ code: 'RATION_CARD_MEMBER', member: hd, weight: 3 });
  if (!schemes.has('MGNREGA')) out.push({ code: 'JOB_CARD', member: hd, weight: 2 });
  if (schemes.has('PMKISAN')) out.push({ code: 'LAND_MUTATION', member: hd, weight: 3 });
  out.push({ code: 'INCOME_CERT', member: hd, weight: 2 });
  out.push({ code: 'DEATH_CERT', member: hd, weight: 1 });
  out.push({ code: 'ELECTRICITY_CONNECTION', member: hd, weight: 1 });
  return out;
}

/** the statuses an application passed through to reach `final` */
function path(rng: Rng, final: ApplicationStatus): ApplicationStatus[] {
  const docsAsked = rng.chance(0.25);
  switch (final) {
    case 'submitted':
      return ['submitted'];
    case 'under_verification':
      return docsAsked ? ['submitted', 'under_verification', 'pending_documents', 'under_verification'] : ['submitted', 'under_verification'];
    case 'pending_documents':
      return ['submitted', 'under_verification', 'pending_documents'];
    case 'approved':
    case 'issued': {
      const head: ApplicationStatus[] = docsAsked
        ? ['submitted', 'under_verification', 'pending_documents', 'under_verification', 'approved']
        : ['submitted', 'under_verification', 'approved'];
      return final === 'issued' ? [...head, 'issued'] : head;
    }
    case 'rejected':
      return docsAsked ? ['submitted', 'under_verification', 'pending_documents', 'rejected'] : ['submitted', 'under_verification', 'rejected'];
  }
}

/** working days between two steps */
function gapDays(rng: Rng, from: ApplicationStatus, to: ApplicationStatus, sla: number): number {
  if (from === 'submitted') return rng.int(1, 3);
  if (to === 'pending_documents') return rng.int(2, 8);
  if (from === 'pending_documents') return rng.int(3, 20);
  if (to === 'issued') return rng.int(0, 4);
  // verification takes most of the SLA, and overruns it sometimes
  return rng.int(Math.max(1, Math.floor(sla / 4)), Math.ceil(sla * (rng.chance(0.2) ? 1.8 : 0.9)));
}

const SUBMITTED_NOTES = ['Applied at the Lok Seva Kendra', 'Applied online on the e-District portal', 'Applied at the gram panchayat', 'Applied at the tehsil office counter'];

function eventNote(rng: Rng, s: ServiceTypeDef, status: ApplicationStatus, resumed: boolean): string {
  switch (status) {
    case 'submitted':
      return rng.pick(SUBMITTED_NOTES);
    case 'under_verification':
      return resumed ? 'Documents received; verification resumed' : s.departmentCode === 'REVENUE' ? 'Sent to the patwari for field verification' : 'Forwarded to the verifying officer';
    case 'pending_documents':
      return `Applicant asked to submit: ${s.missingDocument}`;
    case 'approved':
      return 'Approved by the competent officer';
    case 'rejected':
      return `Rejected: ${s.rejectionReason}`;
    case 'issued':
      return `${s.deliverable.charAt(0).toUpperCase()}${s.deliverable.slice(1)} issued`;
  }
}

export function nextStep(s: ServiceTypeDef, status: ApplicationStatus, expectedBy: number): string {
  switch (status) {
    case 'submitted':
      return 'Application received. Verification will start within 3 working days; keep the acknowledgement slip.';
    case 'under_verification':
      return `Verification in progress at the office; nothing is needed from the applicant. Expected by ${isoDate(expectedBy)}.`;
    case 'pending_documents':
      return `Submit the ${s.missingDocument} at the Lok Seva Kendra or on the e-District portal within 15 days.`;
    case 'approved':
      return `Approved. The ${s.deliverable} will be issued within 3 working days.`;
    case 'rejected':
      return `Rejected: ${s.rejectionReason}. The applicant may appeal to the SDM within 30 days or apply again.`;
    case 'issued':
      if (s.code.endsWith('_PENSION')) return 'Sanction order issued; the pension is credited from the next monthly cycle.';
      if (s.code === 'ELECTRICITY_CONNECTION') return 'Connection released; the first bill comes with the next billing cycle.';
      return `The ${s.deliverable} is issued: download it from the e-District portal or collect it at the Lok Seva Kendra.`;
  }
}

function workingMinute(rng: Rng): number {
  return rng.int(10 * 60, 17 * 60 + 30);
}

export function generateApplications(
  rng: Rng,
  h: ApplicationHousehold,
  ctx: ApplicationContext,
  ids: IdCursor,
): { applications: ApplicationRow[]; events: ApplicationEventRow[] } {
  const applications: ApplicationRow[] = [];
  const events: ApplicationEventRow[] = [];
  if (!rng.chance(APPLICATION_RATE)) return { applications, events };
  const count = rng.chance(SECOND_APPLICATION_RATE) ? 2 : 1;
  const options = candidates(h);
  const used = new Set<string>();

  for (let k = 0; k < count; k++) {
    const open = options.filter((o) => !used.has(o.code));
    if (open.length === 0) break;
    const choice = open[rng.weighted(open.map((o, i) => [i, o.weight] as const))];
    if (!choice) break;
    used.add(choice.code);
    const s = service(choice.code);
    const id = ++ids.application;
    // the first six applications take each status once, so even a tiny load has them all
    const drawn = rng.weighted(STATUS_WEIGHTS);
    const final = APPLICATION_STATUSES[id - 1] ?? drawn;
    const steps = path(rng, final);

    // lay the steps out backwards from a last update shortly before the as-of date
    const gaps: number[] = [0];
    for (let i = 1; i < steps.length; i++) {
      const from = steps[i - 1];
      const to = steps[i];
      if (from === undefined || to === undefined) throw new Error('bad application path');
      gaps.push(gapDays(rng, from, to, s.slaDays));
    }
    const finished = final === 'issued' || final === 'rejected' || final === 'approved';
    // open applications have waited a while; about a quarter end up past their SLA
    const idle = finished ? rng.int(1, 150) : rng.int(1, Math.ceil(s.slaDays * 0.9));
    const total = gaps.reduce((a, b) => a + b, 0);
    let day = ctx.asOfDay - idle - total;

    let submittedAt = 0;
    let lastAt = 0;
    let seenVerification = false;
    for (let i = 0; i < steps.length; i++) {
      const status = steps[i];
      if (status === undefined) continue;
      day += gaps[i] ?? 0;
      // events on the same day keep their order by minute
      let at = istTimestamp(day, workingMinute(rng));
      if (at <= lastAt) at = lastAt + rng.int(5, 90) * 60_000;
      if (i === 0) submittedAt = at;
      const resumed = status === 'under_verification' && seenVerification;
      if (status === 'under_verification') seenVerification = true;
      events.push({ id: ++ids.event, applicationId: id, status, at, note: eventNote(rng, s, status, resumed) });
      lastAt = at;
    }
    const submittedDay = Math.floor((submittedAt + 330 * 60_000) / 86_400_000);
    const expectedBy = submittedDay + s.slaDays;
    applications.push({
      id,
      applicationNo: String(1e11 + ctx.applicationNumbers.apply(id - 1)),
      serviceCode: s.code,
      residentId: choice.member.id,
      householdId: h.id,
      officeId: ctx.officeIdFor(s.departmentCode, h.districtCode),
      status: final,
      submittedAt,
      updatedAt: lastAt,
      expectedBy,
      nextStep: nextStep(s, final, expectedBy),
    });
  }
  return { applications, events };
}
