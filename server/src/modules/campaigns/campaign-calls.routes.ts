import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZCampaignAnswers, ZCampaignAnswersSaved, ZCampaignCall } from './campaign-calls.schemas.js';
import type { TCampaignCallService } from './campaign-calls.service.js';

const HANDLERS = ['agent', 'supervisor', 'admin'] as const;
const ZCallParams = z.object({ callId: z.uuid() });

export function campaignCallRoutes(calls: TCampaignCallService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/campaign-calls/{callId}',
      summary: 'A campaign call: the campaign, the contact, the script rendered with the resident\'s data, the questions and the answers so far (404 for a call no campaign placed)',
      tag: 'campaigns',
      access: HANDLERS,
      params: ZCallParams,
      response: { description: 'The campaign call', schema: ZCampaignCall },
      handler: ({ params, user, req }) => calls.get(params.callId, user, req.ip),
    }),
    defineRoute({
      method: 'put',
      path: '/api/campaign-calls/{callId}/answers',
      summary: 'Store answers to the campaign\'s survey as the resident gives them',
      tag: 'campaigns',
      access: HANDLERS,
      params: ZCallParams,
      body: ZCampaignAnswers,
      response: { description: 'Every answer the contact has given', schema: ZCampaignAnswersSaved },
      handler: ({ params, body, user }) => calls.answer(params.callId, body, user),
    }),
  ];
}
