import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZCampaign, ZCampaignAction, ZCampaignCreate, ZCampaignList, ZSamplePlan } from './campaigns.schemas.js';
import type { TCampaignService } from './campaigns.service.js';
import { CAMPAIGN_STATUSES } from './lifecycle.js';

const MANAGERS = ['supervisor', 'admin'] as const;
const ZId = z.object({ id: z.coerce.number().int().positive() });

export function campaignRoutes(campaigns: TCampaignService): TRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/campaigns',
      summary: 'Create a campaign as a draft: its schedule, dialing mode, survey and sampling design',
      tag: 'campaigns',
      access: MANAGERS,
      body: ZCampaignCreate,
      response: { status: 201, description: 'The draft campaign', schema: ZCampaign },
      handler: ({ body, user }) => campaigns.create(body, user),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns',
      summary: 'Campaigns, newest first, with their contacts per status',
      tag: 'campaigns',
      access: MANAGERS,
      query: z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() }),
      response: { description: 'The campaigns', schema: ZCampaignList },
      handler: ({ query }) => campaigns.list(query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{id}',
      summary: 'A campaign, its contacts per status and the history of its status',
      tag: 'campaigns',
      access: MANAGERS,
      params: ZId,
      response: { description: 'The campaign', schema: ZCampaign },
      handler: ({ params }) => campaigns.get(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/campaigns/{id}/plan',
      summary: 'The sample as it would be drawn now: planned against achievable size per stratum, and why rows are excluded',
      tag: 'campaigns',
      access: MANAGERS,
      params: ZId,
      response: { description: 'The sample plan', schema: ZSamplePlan },
      handler: ({ params }) => campaigns.plan(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/campaigns/{id}/{action}',
      summary: 'Change the status: schedule (draws and stores the sample), start, pause, resume, complete or cancel',
      tag: 'campaigns',
      access: MANAGERS,
      params: z.object({ id: z.coerce.number().int().positive(), action: ZCampaignAction }),
      response: { description: 'The campaign in its new status', schema: ZCampaign },
      handler: ({ params, user }) => campaigns.act(params.id, params.action, user),
    }),
  ];
}
