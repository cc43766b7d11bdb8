import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZViewPurpose } from '../audit/audit.schemas.js';
import type { TApplicationService } from './applications.service.js';

const ZApplicationStatus = z.enum(['submitted', 'under_verification', 'pending_documents', 'approved', 'rejected', 'issued']);

const ZApplication = z
  .object({
    applicationNo: z.string(),
    service: z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string(), departmentCode: z.string() }),
    status: ZApplicationStatus,
    submittedAt: z.string(),
    updatedAt: z.string(),
    expectedBy: z.string().meta({ description: 'YYYY-MM-DD' }),
    nextStep: z.string().nullable(),
    office: z.object({ id: z.number().int(), name: z.string(), nameHi: z.string() }).nullable(),
    applicant: z.object({ residentId: z.number().int(), householdId: z.number().int(), nameEn: z.string(), nameHi: z.string() }),
    timeline: z.array(z.object({ status: ZApplicationStatus, at: z.string(), note: z.string().nullable() })),
  })
  .meta({ id: 'Application' });

export function applicationRoutes(applications: TApplicationService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/applications/{applicationNo}',
      summary: 'Status and timeline of a service application',
      tag: 'applications',
      access: ['agent', 'supervisor', 'officer', 'admin'],
      params: z.object({
        applicationNo: z
          .string()
          .transform((s) => s.replace(/[\s-]/g, ''))
          .pipe(z.string().regex(/^\d{12}$/, 'must be 12 digits'))
          .meta({ description: 'the 12-digit application number', example: '260312345678' }),
      }),
      query: ZViewPurpose,
      response: { description: 'The application', schema: ZApplication },
      handler: ({ params, query, user, req }) => applications.byNumber(params.applicationNo, user, query, req.ip),
    }),
  ];
}
