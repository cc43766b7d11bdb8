import type { TSqlPool } from '@samvad/db';
import { Redis } from 'ioredis';
import type { AcdService } from '../../../acd/acd.service.js';
import { personalSkill } from '../../../acd/model.js';
import type { Logger } from '../../../logger.js';
import type { TelephonyService } from '../../../telephony/telephony.service.js';
import { linkCampaignCall } from '../campaign-calls.service.js';
import { createContactStore, type TRunningCampaign } from './contact-store.js';
import { CampaignDialer } from './dialer.js';

/** a campaign's answered calls wait ahead of the helpline's callers: the person did not ask to call */
const CAMPAIGN_PRIORITY = 5;
const PREVIEW_PRIORITY = 9;

/**
 * The dialer as the server runs it: calls through the telephony service, answered people handed
 * to the campaign's ACD queue, and a line per ready agent of that queue not already taken by a
 * waiting caller (progressive pacing). Agentless IVR campaigns are not dialled by this process.
 */
export function createServerDialer(deps: { redisUrl: string; sql: TSqlPool; telephony: TelephonyService; acd: AcdService; logger: Logger }): CampaignDialer {
  const { sql, telephony, acd, logger } = deps;
  const queueCodes = new Map<number, string>();
  const queueCode = async (id: number): Promise<string | null> => {
    const known = queueCodes.get(id);
    if (known) return known;
    const { rows } = await sql.query<{ code: string }>('SELECT code FROM queues WHERE id = $1', [id]);
    if (rows[0]) queueCodes.set(id, rows[0].code);
    return rows[0]?.code ?? null;
  };
  const dialer = new CampaignDialer({
    // BullMQ's blocking commands need a connection that never gives up on a request
    connection: new Redis(deps.redisUrl, { maxRetriesPerRequest: null }),
    store: createContactStore(sql),
    originate: (request) => telephony.originate(request),
    hangup: (callId) => telephony.provider.hangup(callId),
    connect: async ({ callId, phone, contactId, campaign, agent }) => {
      const code = campaign.queueId === null ? null : await queueCode(campaign.queueId);
      if (!code) {
        logger.error({ campaignId: campaign.id }, 'a campaign call was answered but the campaign has no queue; hanging up');
        await telephony.provider.hangup(callId);
        return;
      }
      // the agent's desk finds the contact, its script and its household through the call row
      if (!(await linkCampaignCall(sql, { callId, contactId }))) logger.warn({ callId, contactId }, 'the campaign call has no call row yet; the agent sees no script');
      // a contact an agent chose to dial waits for that agent alone, ahead of everyone
      const target = agent ? { skills: [personalSkill(agent.username)], priority: PREVIEW_PRIORITY } : { skills: [], priority: CAMPAIGN_PRIORITY };
      await acd.enqueue({ callId, caller: phone }, { queue: code, ...target });
    },
    capacity: async (campaign: TRunningCampaign) => {
      if (campaign.mode === 'ivr' || campaign.queueId === null) return 0;
      const code = await queueCode(campaign.queueId);
      const stats = (await acd.boardNow()).queues.find((q) => q.code === code);
      return stats ? Math.max(0, stats.agents.ready - stats.waiting) : 0;
    },
    logger: logger.child({ component: 'dialer' }),
  });
  telephony.onEvent((event) => dialer.handle(event));
  return dialer;
}
