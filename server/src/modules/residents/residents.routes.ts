import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { requireCallIdForCallReasons, viewPurposeShape } from '../audit/audit.schemas.js';
import type { TResidentService } from './residents.service.js';

const ZSearchQuery = z
  .object({
    q: z.string().max(100).meta({
      description: 'a name prefix (Latin or Devanagari), a 12-digit card or application number, or Aadhaar last four digits',
    }),
    birthYear: z.coerce.number().int().min(1900).max(2100).optional().meta({ description: 'with Aadhaar last four digits' }),
    districtCode: z.coerce.number().int().positive().optional().meta({ description: 'narrow a name search to one district' }),
    ...viewPurposeShape,
  })
  .superRefine(requireCallIdForCallReasons);

const ZResidentMatch = z
  .object({
    residentId: z.number().int(),
    householdId: z.number().int(),
    cardNumber: z.string(),
    nameEn: z.string(),
    nameHi: z.string(),
    gender: z.enum(['female', 'male', 'other']),
    age: z.number().int(),
    relation: z.string(),
    mobile: z.string().nullable(),
    village: z.string(),
    district: z.object({ code: z.number().int(), name: z.string() }),
    matchedBy: z.enum(['name', 'card_number', 'application_no', 'aadhaar_last4']),
  })
  .meta({ id: 'ResidentMatch' });

export function residentRoutes(residents: TResidentService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/residents/search',
      summary: 'Find residents by name prefix, card number, application number, or Aadhaar last four with birth year',
      tag: 'residents',
      access: ['agent', 'supervisor', 'admin'],
      query: ZSearchQuery,
      response: {
        description: 'Up to 20 matches',
        schema: z.object({ query: z.string().meta({ description: 'how the text was read' }), results: z.array(ZResidentMatch) }),
      },
      handler: ({ query, user, req }) =>
        residents.search(query.q, { birthYear: query.birthYear, districtCode: query.districtCode }, user, query, req.ip),
    }),
  ];
}
