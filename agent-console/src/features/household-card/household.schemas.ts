import { z } from 'zod';
import { ZLanguage } from '../../api/schemas.js';

/** The household card as the server sends it (HouseholdCard in /api/openapi.json). */
export const ZMember = z.object({
  id: z.number().int(),
  nameEn: z.string(),
  nameHi: z.string(),
  gender: z.enum(['female', 'male', 'other']),
  age: z.number().int(),
  birthDate: z.string(),
  relation: z.string(),
  mobile: z.string().nullable(),
  mobileMasked: z.boolean(),
  language: ZLanguage,
  dnd: z.boolean(),
  contactConsent: z.boolean(),
  aadhaar: z.string().nullable(),
});
export type TMember = z.infer<typeof ZMember>;

export const ZPayment = z.object({
  period: z.string(),
  amountPaise: z.number().int(),
  status: z.enum(['credited', 'failed', 'pending']),
  failureReason: z.string().nullable(),
  paidOn: z.string().nullable(),
});
export type TPayment = z.infer<typeof ZPayment>;

export const ZSchemeEnrolment = z.object({
  enrolmentId: z.number().int(),
  schemeCode: z.string(),
  schemeNameEn: z.string(),
  schemeNameHi: z.string(),
  residentId: z.number().int(),
  beneficiaryId: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
  enrolledOn: z.string(),
  payments: z.array(ZPayment),
  failedPayments: z.number().int(),
});
export type TSchemeEnrolment = z.infer<typeof ZSchemeEnrolment>;

export const ZTimelineEntry = z.object({ status: z.string(), at: z.string(), note: z.string().nullable() });

export const ZApplicationSummary = z.object({
  applicationNo: z.string(),
  serviceCode: z.string(),
  serviceNameEn: z.string(),
  serviceNameHi: z.string(),
  residentId: z.number().int(),
  status: z.string(),
  submittedAt: z.string(),
  expectedBy: z.string(),
  nextStep: z.string().nullable(),
  timeline: z.array(ZTimelineEntry),
});
export type TApplicationSummary = z.infer<typeof ZApplicationSummary>;

export const ZGrievanceSummary = z.object({
  docketNo: z.string(),
  categoryCode: z.string(),
  categoryEn: z.string(),
  categoryHi: z.string(),
  status: z.string(),
  anonymous: z.boolean(),
  officeName: z.string(),
  createdAt: z.string(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type TGrievanceSummary = z.infer<typeof ZGrievanceSummary>;

export const ZCallSummary = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  offeredAt: z.string(),
  endedAt: z.string().nullable(),
  disposition: z.string().nullable(),
  agentUsername: z.string().nullable(),
});
export type TCallSummary = z.infer<typeof ZCallSummary>;

export const ZHouseholdCard = z.object({
  id: z.number().int(),
  cardNumber: z.string(),
  rationCategory: z.string(),
  address: z.string(),
  village: z.string(),
  pincode: z.string().nullable(),
  district: z.object({ code: z.number().int(), name: z.string(), nameHi: z.string() }),
  block: z.object({ id: z.number().int(), lgdCode: z.number().int(), name: z.string(), nameHi: z.string() }),
  location: z.object({ lat: z.number(), lon: z.number() }),
  members: z.array(ZMember),
  schemes: z.array(ZSchemeEnrolment),
  openApplications: z.array(ZApplicationSummary),
  recentGrievances: z.array(ZGrievanceSummary),
  recentCalls: z.array(ZCallSummary),
});
export type THouseholdCard = z.infer<typeof ZHouseholdCard>;

/** Why the data is being viewed; the server writes it to the audit log with every view. */
export const VIEW_REASONS = [
  'inbound_call',
  'outbound_call',
  'campaign_preview',
  'callback',
  'caller_identification',
  'grievance_follow_up',
  'application_follow_up',
  'supervision',
  'quality_review',
  'officer_case_work',
] as const;
export type TViewReason = (typeof VIEW_REASONS)[number];

/** Reasons that concern one call: the server wants the call's id with them. */
export const CALL_REASONS = ['inbound_call', 'outbound_call', 'callback'] as const satisfies readonly TViewReason[];

/** Why a view happens and, for a call reason, the call it serves: the audit row records both. */
export interface TViewPurpose {
  reason: TViewReason;
  callId?: string | undefined;
}
