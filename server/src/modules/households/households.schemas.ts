import { z } from 'zod';

const ZLanguage = z.enum(['hi', 'cg', 'en']);
const ZIsoDate = z.string().meta({ description: 'calendar date, YYYY-MM-DD', example: '2026-03-12' });
const ZIsoTime = z.string().meta({ description: 'ISO 8601 time in UTC', example: '2026-03-12T10:15:00.000Z' });

export const ZMember = z
  .object({
    id: z.number().int(),
    nameEn: z.string(),
    nameHi: z.string(),
    gender: z.enum(['female', 'male', 'other']),
    age: z.number().int(),
    birthDate: ZIsoDate,
    relation: z.string().meta({ description: 'relation to the head of the household' }),
    mobile: z.string().nullable().meta({ description: 'E.164; masked for officers' }),
    mobileMasked: z.boolean(),
    language: ZLanguage,
    dnd: z.boolean(),
    contactConsent: z.boolean(),
    aadhaar: z.string().nullable().meta({ description: 'masked Aadhaar: only the last four digits', example: 'XXXX XXXX 1234' }),
  })
  .meta({ id: 'HouseholdMember' });

export const ZPayment = z
  .object({
    period: ZIsoDate,
    amountPaise: z.number().int(),
    status: z.enum(['credited', 'failed', 'pending']),
    failureReason: z.string().nullable(),
    paidOn: ZIsoDate.nullable(),
  })
  .meta({ id: 'BenefitPayment' });

export const ZSchemeEnrolment = z
  .object({
    enrolmentId: z.number().int(),
    schemeCode: z.string(),
    schemeNameEn: z.string(),
    schemeNameHi: z.string(),
    residentId: z.number().int(),
    beneficiaryId: z.string(),
    status: z.enum(['active', 'suspended', 'closed']),
    enrolledOn: ZIsoDate,
    inKind: z.boolean().meta({ description: 'delivered in kind (rations, nutrition): payments carry no amount' }),
    payments: z.array(ZPayment).meta({ description: 'the last 12 payments, newest first' }),
    failedPayments: z.number().int(),
  })
  .meta({ id: 'SchemeEnrolment' });

export const ZTimelineEntry = z.object({ status: z.string(), at: ZIsoTime, note: z.string().nullable() }).meta({ id: 'TimelineEntry' });

export const ZApplicationSummary = z
  .object({
    applicationNo: z.string(),
    serviceCode: z.string(),
    serviceNameEn: z.string(),
    serviceNameHi: z.string(),
    residentId: z.number().int(),
    status: z.string(),
    submittedAt: ZIsoTime,
    expectedBy: ZIsoDate,
    nextStep: z.string().nullable(),
    timeline: z.array(ZTimelineEntry),
  })
  .meta({ id: 'ApplicationSummary' });

export const ZGrievanceSummary = z
  .object({
    docketNo: z.string(),
    categoryCode: z.string(),
    categoryEn: z.string(),
    categoryHi: z.string(),
    status: z.string(),
    anonymous: z.boolean(),
    officeName: z.string(),
    createdAt: ZIsoTime,
    dueAt: ZIsoTime,
    resolvedAt: ZIsoTime.nullable(),
  })
  .meta({ id: 'GrievanceSummary' });

export const ZCallSummary = z
  .object({
    id: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    offeredAt: ZIsoTime,
    endedAt: ZIsoTime.nullable(),
    disposition: z.string().nullable(),
    agentUsername: z.string().nullable(),
  })
  .meta({ id: 'CallSummary' });

export const ZHouseholdCard = z
  .object({
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
  })
  .meta({ id: 'HouseholdCard' });
export type THouseholdCard = z.infer<typeof ZHouseholdCard>;

export const ZHouseholdIdParams = z.object({ id: z.coerce.number().int().positive() });
