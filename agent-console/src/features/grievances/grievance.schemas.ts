import { z } from 'zod';

/** Shapes from /api/openapi.json: Grievance and the grievance-category list. */
export const ZGrievanceCategory = z.object({
  code: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  deadlineDays: z.number().int(),
  department: z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string() }),
});
export type TGrievanceCategory = z.infer<typeof ZGrievanceCategory>;

export const ZGrievance = z.object({
  docketNo: z.string(),
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
      phone: z.string().nullable(),
    })
    .nullable(),
  description: z.string(),
  channel: z.string(),
  callId: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
  events: z.array(
    z.object({ type: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), note: z.string().nullable(), at: z.string() }),
  ),
});
export type TGrievance = z.infer<typeof ZGrievance>;

export interface TRegisterGrievance {
  categoryCode: string;
  description: string;
  anonymous: boolean;
  residentId?: number | undefined;
  channel: 'helpline';
  /** the call it was taken on */
  callId?: string | undefined;
}

/** The docket format the server issues: CG-<year>-<six or more digits>. */
export const DOCKET_PATTERN = /^CG-\d{4}-\d{6,}$/;
