import { z } from 'zod';
import { ZCampaignCall } from './campaign-calls.schemas.js';

export const ZPreviewCampaign = z.object({
  id: z.number().int(),
  name: z.string(),
  queue: z.string(),
  /** contacts whose time to be called has come */
  due: z.number().int(),
  /** inside its daily calling window now */
  open: z.boolean(),
});

export const ZPreviewDesk = z
  .object({
    campaigns: z.array(ZPreviewCampaign).meta({ description: 'running preview campaigns whose queue this agent serves' }),
    /** the contact this agent has open, if any (it stays theirs for a while, across a reload) */
    current: ZCampaignCall.nullable(),
    /** the agent's last dial from a preview, and what the attempt found so far */
    lastDial: z.object({ contactId: z.number().int(), callId: z.string(), outcome: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'CampaignPreviewDesk' });
export type TPreviewDesk = z.infer<typeof ZPreviewDesk>;

export const ZPreviewNext = z.object({ campaignId: z.number().int().positive() }).meta({ id: 'CampaignPreviewNext' });
export const ZPreviewDialled = z.object({ contactId: z.number().int(), callId: z.string() }).meta({ id: 'CampaignPreviewDialled' });
export const ZPreviewSkipped = z.object({ contactId: z.number().int(), nextAttemptAt: z.string() }).meta({ id: 'CampaignPreviewSkipped' });
