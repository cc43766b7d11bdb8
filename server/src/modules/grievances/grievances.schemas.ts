import { z } from 'zod';
import { ZPhone } from '../../shared/phone.js';

export const GRIEVANCE_CHANNELS = ['helpline', 'ivr_voice', 'campaign', 'walk_in', 'web'] as const;

export const ZRegisterGrievance = z
  .object({
    categoryCode: z.string().trim().min(1).max(20).meta({ example: 'FOOD-01' }),
    description: z.string().trim().min(10, 'describe the problem in at least 10 characters').max(4000),
    anonymous: z.boolean().default(false).meta({ description: "the department never sees who complained" }),
    residentId: z.number().int().positive().optional(),
    complainantName: z.string().trim().min(2).max(120).optional(),
    complainantPhone: ZPhone.optional(),
    districtCode: z.number().int().positive().optional().meta({ description: "defaults to the resident's district" }),
    blockId: z.number().int().positive().optional(),
    channel: z.enum(GRIEVANCE_CHANNELS).default('helpline'),
    callId: z.uuid().optional(),
  })
  .superRefine((g, ctx) => {
    if (!g.anonymous && g.residentId === undefined && g.complainantName === undefined) {
      ctx.addIssue({ code: 'custom', path: ['complainantName'], message: 'name the complainant, link a resident, or mark the grievance anonymous' });
    }
    if (g.residentId === undefined && g.districtCode === undefined) {
      ctx.addIssue({ code: 'custom', path: ['districtCode'], message: 'is required when no resident is linked' });
    }
  })
  .meta({ id: 'RegisterGrievance' });
export type TRegisterGrievance = z.infer<typeof ZRegisterGrievance>;

export const ZGrievance = z
  .object({
    docketNo: z.string().meta({ example: 'CG-2026-000123' }),
    category: z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string(), deadlineDays: z.number().int() }),
    department: z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string() }),
    office: z.object({ id: z.number().int(), name: z.string(), nameHi: z.string(), level: z.enum(['state', 'district', 'block']) }),
    district: z.object({ code: z.number().int(), name: z.string(), nameHi: z.string() }),
    blockId: z.number().int().nullable(),
    status: z.string(),
    anonymous: z.boolean(),
    complainant: z
      .object({
        residentId: z.number().int().nullable(),
        householdId: z.number().int().nullable(),
        name: z.string().nullable(),
        phone: z.string().nullable().meta({ description: 'masked for officers' }),
      })
      .nullable()
      .meta({ description: 'null when an officer views an anonymous grievance' }),
    description: z.string(),
    channel: z.enum(GRIEVANCE_CHANNELS),
    callId: z.string().nullable(),
    createdAt: z.string(),
    dueAt: z.string(),
    resolvedAt: z.string().nullable(),
    events: z.array(
      z.object({ type: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable(), at: z.string() }),
    ),
  })
  .meta({ id: 'Grievance' });
export type TGrievance = z.infer<typeof ZGrievance>;
