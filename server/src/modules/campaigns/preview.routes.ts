import { z } from 'zod';
import { defineRoute, type TRoute } from '../../http/route.js';
import { ZCampaignCall } from './campaign-calls.schemas.js';
import { ZPreviewDesk, ZPreviewDialled, ZPreviewNext, ZPreviewSkipped } from './preview.schemas.js';
import type { TPreviewService } from './preview.service.js';

const AGENT = ['agent'] as const;
const ZContact = z.object({ contactId: z.coerce.number().int().positive() });

export function previewRoutes(preview: TPreviewService): TRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/campaign-preview',
      summary: "My preview campaigns, the contact I have open, and what my last dial found",
      tag: 'campaigns',
      access: AGENT,
      response: { description: 'The preview desk', schema: ZPreviewDesk },
      handler: ({ user, req }) => preview.desk(user, req.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/api/campaign-preview/next',
      summary: "Open a preview campaign's next due contact: the card and the script, held for me until I dial or skip",
      tag: 'campaigns',
      access: AGENT,
      body: ZPreviewNext,
      response: { description: 'The contact, before any call', schema: ZCampaignCall },
      handler: ({ body, user, req }) => preview.next(user, body.campaignId, req.ip),
    }),
    defineRoute({
      method: 'post',
      path: '/api/campaign-preview/contacts/{contactId}/dial',
      summary: 'Dial the contact I have open; the person who answers is put through to me',
      tag: 'campaigns',
      access: AGENT,
      params: ZContact,
      response: { description: 'The call placed', schema: ZPreviewDialled },
      handler: ({ params, user }) => preview.dial(user, params.contactId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/campaign-preview/contacts/{contactId}/skip',
      summary: 'Pass on the contact I have open; it comes round again later',
      tag: 'campaigns',
      access: AGENT,
      params: ZContact,
      response: { description: 'When the contact is due again', schema: ZPreviewSkipped },
      handler: ({ params, user }) => preview.skip(user, params.contactId),
    }),
  ];
}
