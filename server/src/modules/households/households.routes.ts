import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZPhone } from '../../shared/phone.js';
import { ZViewPurpose } from '../audit/audit.schemas.js';
import { ZHouseholdCard, ZHouseholdIdParams } from './households.schemas.js';
import type { THouseholdService } from './households.service.js';

export function householdRoutes(households: THouseholdService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/households/by-phone/{phone}',
      summary: 'Screen-pop: every household with a member on this phone number',
      tag: 'households',
      access: ['agent', 'supervisor', 'admin'],
      params: z.object({ phone: ZPhone }),
      query: ZViewPurpose,
      response: {
        description: 'Household cards (none when the number is unknown)',
        schema: z.object({ phone: z.string(), households: z.array(ZHouseholdCard) }).meta({ id: 'ScreenPop' }),
      },
      handler: ({ params, query, user, req }) => households.byPhone(params.phone, user, query, req.ip),
    }),
    defineRoute({
      method: 'get',
      path: '/api/households/{id}',
      summary: 'One household card',
      tag: 'households',
      access: ['agent', 'supervisor', 'officer', 'admin'],
      params: ZHouseholdIdParams,
      query: ZViewPurpose,
      response: { description: 'The household card', schema: ZHouseholdCard },
      handler: ({ params, query, user, req }) => households.byId(params.id, user, query, req.ip),
    }),
  ];
}
