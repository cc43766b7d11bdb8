import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZGrievance, ZRegisterGrievance } from './grievances.schemas.js';
import type { TGrievanceService } from './grievances.service.js';

export function grievanceRoutes(grievances: TGrievanceService): TRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/grievances',
      summary: "Register a grievance; it is routed to the category's department office with a due date",
      tag: 'grievances',
      access: ['agent', 'supervisor', 'admin'],
      body: ZRegisterGrievance,
      response: { status: 201, description: 'The registered grievance with its docket number', schema: ZGrievance },
      handler: ({ body, user }) => grievances.register(body, user),
    }),
    defineRoute({
      method: 'get',
      path: '/api/grievances/{docketNo}',
      summary: 'A grievance and its history',
      tag: 'grievances',
      access: ['agent', 'supervisor', 'officer', 'admin'],
      params: z.object({
        docketNo: z
          .string()
          .transform((s) => s.trim().toUpperCase())
          .pipe(z.string().regex(/^CG-\d{4}-\d{6,}$/, 'must look like CG-2026-000123')),
      }),
      response: { description: 'The grievance', schema: ZGrievance },
      handler: ({ params, user }) => grievances.byDocket(params.docketNo, user),
    }),
  ];
}
