import type { TSqlPool } from '@samvad/db';
import { Redis } from 'ioredis';
import type { AcdService } from '../../../acd/acd.service.js';
import { systemClock, type TAcdClock } from '../../../acd/clock.js';
import type { TVarValue } from '../../../callcontrol/engine-contract.js';
import { personalSkill } from '../../../acd/model.js';
import type { Logger } from '../../../logger.js';
import type { TMedia } from '../../../telephony/port.js';
import type { TelephonyService } from '../../../telephony/telephony.service.js';
import { linkCampaignCall } from '../campaign-calls.service.js';
import { createContactStore, type TRunningCampaign } from './contact-store.js';
import { CampaignDialer, type TDialerOptions } from './dialer.js';
import { CampaignPacing, type TAgentFloor } from './pacing.js';
import { ivrSurveyDefinition } from './survey-definition.js';

/** a campaign's answered calls wait ahead of the helpline's callers: the person did not ask to call */
const CAMPAIGN_PRIORITY = 5;
const PREVIEW_PRIORITY = 9;

/** lines an agentless campaign keeps in the air when nothing else is configured */
export const DEFAULT_IVR_LINES = 10;

/** what a citizen hears when no agent is free within the grace period (the 2-second rule) */
export const APOLOGY: TMedia = { kind: 'speech', text: 'क्षमा करें, इस समय कोई सहायक उपलब्ध नहीं है। हम आपको बाद में फिर कॉल करेंगे। धन्यवाद।', language: 'hi' };
/** the longest the apology may take before the call is hung up anyway */
const APOLOGY_MAX_MS = 8000;

/** call control as an agentless campaign needs it */
export interface TSurveyControl {
  runFlow(callId: string, flowId: string, variables: Record<string, TVarValue>): Promise<void>;
  whenFinished(callId: string): Promise<void>;
}

export interface TServerDialerDeps {
  redisUrl: string;
  sql: TSqlPool;
  telephony: TelephonyService;
  acd: AcdService;
  logger: Logger;
  /** call control, once it exists (it is created after the dialer); without it IVR campaigns are not dialled */
  surveys?: () => TSurveyControl | null;
  ivrLines?: number;
  clock?: TAcdClock;
  /** the dialer's clock, beat and key prefix (tests) */
  dialer?: Pick<TDialerOptions, 'now' | 'tickMs' | 'prefix' | 'campaigns'>;
}

/**
 * The dialer as the server runs it: calls through the telephony service, answered people handed
 * to the campaign's ACD queue, and a line per ready agent of that queue not already taken by a
 * waiting caller (progressive pacing), or as many as the predictive pacer asks; an answered call
 * no agent is offered within 2 seconds hears an apology and is abandoned. Agentless IVR
 * campaigns keep a number of lines in the air and run the survey flow on each answered call.
 */
export function createServerDialer(deps: TServerDialerDeps): CampaignDialer {
  const { sql, telephony, acd, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const queueCodes = new Map<number, string>();
  const queueCode = async (id: number): Promise<string | null> => {
    const known = queueCodes.get(id);
    if (known) return known;
    const { rows } = await sql.query<{ code: string }>('SELECT code FROM queues WHERE id = $1', [id]);
    if (rows[0]) queueCodes.set(id, rows[0].code);
    return rows[0]?.code ?? null;
  };
  /** the campaign queue's agents from the ACD: ready, busy, and how long each wrap-up has left */
  const floor = async (campaign: TRunningCampaign): Promise<TAgentFloor | null> => {
    const code = campaign.queueId === null ? null : await queueCode(campaign.queueId);
    const board = await acd.boardNow();
    const stats = board.queues.find((q) => q.code === code);
    if (!stats) return null;
    const now = Date.parse(board.at);
    const wrapMs = acd.settings.wrapUpSec * 1000;
    // a wrap-up past its deadline (a disposition still to give) is taken as ending now
    const known = board.agents.filter((a) => a.state === 'wrap_up' && a.queue === code).map((a) => Math.max(0, (Date.parse(a.since) + wrapMs - now) / 1000));
    const wrapUpRemainingSec = known.slice(0, stats.agents.wrapUp);
    // agents of this queue wrapping up another queue's call: halfway, for want of better
    while (wrapUpRemainingSec.length < stats.agents.wrapUp) wrapUpRemainingSec.push(wrapMs / 2000);
    const talkElapsedSec = board.agents.filter((a) => a.state === 'on_call' && a.queue === code).map((a) => Math.max(0, (now - Date.parse(a.since)) / 1000));
    return { readyAgents: stats.agents.ready, talkingAgents: stats.agents.onCall + stats.agents.reserved, talkElapsedSec, wrapUpRemainingSec, callsWaiting: stats.waiting };
  };
  const store = createContactStore(sql);
  const pacing = new CampaignPacing({ store, floor, logger: logger.child({ component: 'pacing' }) });

  /** out of the queue, the apology, then the hang-up (after the prompt, or a few seconds at most) */
  const abandonCall = async (callId: string): Promise<void> => {
    acd.leave(callId);
    const done = new Promise<void>((resolve) => {
      let mediaId: string | null = null;
      const timer = clock.setTimeout(finish, APOLOGY_MAX_MS);
      const off = telephony.onEvent((event) => {
        if (event.callId !== callId) return;
        if (event.type === 'call.hangup' || (event.type === 'media.finished' && event.mediaId === mediaId)) finish();
      });
      function finish() {
        timer.cancel();
        off();
        resolve();
      }
      telephony.provider.play(callId, APOLOGY).then(
        (played) => (mediaId = played.mediaId),
        () => finish(),
      );
    });
    await done;
    await telephony.provider.hangup(callId).catch(() => undefined);
  };

  /** the campaign's survey on an answered call; completed when every question got its answer */
  const runSurvey = async ({ callId, contactId, campaign }: { callId: string; contactId: number; campaign: TRunningCampaign }): Promise<'completed' | 'partial'> => {
    const control = deps.surveys?.();
    if (!control || campaign.surveyId === null) throw new Error('an agentless campaign needs call control and a survey');
    const { rows } = await sql.query<{ id: number; code: string; version: number; definition: unknown; resident_id: number | null }>(
      `SELECT s.id, s.code, s.version, s.definition, (SELECT resident_id FROM campaign_contacts WHERE id = $2) AS resident_id FROM surveys s WHERE s.id = $1`,
      [campaign.surveyId, contactId],
    );
    const row = rows[0];
    const survey = row ? ivrSurveyDefinition(row) : null;
    if (!row || !survey) throw new Error(`survey ${campaign.surveyId} has no question a caller can answer`);
    const variables: Record<string, TVarValue> = { survey: survey.definition, surveyId: row.id, campaignId: campaign.id, contactId, ...(row.resident_id === null ? {} : { residentId: row.resident_id }) };
    await control.runFlow(callId, 'survey', variables);
    await control.whenFinished(callId);
    const answered = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_responses WHERE call_id = $1::uuid`, [callId]);
    return (answered.rows[0]?.n ?? 0) >= survey.questions ? 'completed' : 'partial';
  };

  const dialer = new CampaignDialer({
    // BullMQ's blocking commands need a connection that never gives up on a request
    connection: new Redis(deps.redisUrl, { maxRetriesPerRequest: null }),
    store,
    pacing,
    waitingForAgent: (callId) => acd.placeOf(callId) !== null,
    abandonCall,
    runSurvey,
    clock,
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
      if (campaign.mode === 'ivr') return deps.surveys?.() ? (deps.ivrLines ?? DEFAULT_IVR_LINES) : 0;
      if (campaign.queueId === null) return 0;
      const code = await queueCode(campaign.queueId);
      const stats = (await acd.boardNow()).queues.find((q) => q.code === code);
      return stats ? Math.max(0, stats.agents.ready - stats.waiting) : 0;
    },
    logger: logger.child({ component: 'dialer' }),
    ...deps.dialer,
  });
  telephony.onEvent((event) => dialer.handle(event));
  return dialer;
}
