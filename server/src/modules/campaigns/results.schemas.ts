import { z } from 'zod';

const ZIso = z.string().meta({ description: 'an instant, ISO 8601 in UTC' });
const ZRatio = z.number().nullable().meta({ description: 'a share from 0 to 1; null when its denominator is 0' });

export const ZContactRates = z
  .object({
    sampled: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    contacted: z.number().int().meta({ description: 'a person was spoken to: completed, partial, refused, wrong person or asked not to be called' }),
    contactRate: ZRatio.meta({ description: 'contacted / sampled' }),
    completionRate: ZRatio.meta({ description: 'completed / sampled (the response rate)' }),
    refusalRate: ZRatio.meta({ description: 'refused / contacted' }),
    cooperationRate: ZRatio.meta({ description: 'completed / contacted' }),
  })
  .meta({ id: 'CampaignContactRates' });

const ZAbandonCount = z.object({ answered: z.number().int(), abandoned: z.number().int(), pct: z.number() });

export const ZAbandonment = z
  .object({
    today: ZAbandonCount.extend({ date: z.string() }).meta({ description: 'the calling day in India' }),
    campaign: ZAbandonCount,
    days: z.array(ZAbandonCount.extend({ date: z.string() })),
    capPct: z.number(),
  })
  .meta({ id: 'CampaignAbandonment', description: 'abandoned calls as a percentage of calls a person answered (abandoned ones included)' });

export const ZDialing = z
  .object({
    mode: z.string(),
    ringing: z.number().int().meta({ description: 'contacts being dialled now' }),
    connected: z.number().int().meta({ description: 'answered calls not yet concluded (waiting for or talking to an agent)' }),
    staffedAgents: z.number().int().nullable().meta({ description: "agents signed in to the campaign's queue (ready, ringing, on a call, wrap-up); null when unknown" }),
    dialLevel: z.number().nullable().meta({ description: 'lines in the air (ringing + connected) per staffed agent; null without agents' }),
  })
  .meta({ id: 'CampaignDialing' });

export const ZProgress = z
  .object({
    campaignId: z.number().int(),
    name: z.string(),
    status: z.string(),
    planned: z.number().int().meta({ description: 'contacts in the sample' }),
    dialled: z.number().int().meta({ description: 'contacts dialled at least once' }),
    completed: z.number().int(),
    /** done: no more calls to make (every status but pending, dialing and in progress) */
    concluded: z.number().int().meta({ description: 'contacts with nothing left to do: completed, refused, unreachable …' }),
    inFlight: z.number().int().meta({ description: 'calls in the air: ringing and connected' }),
    dialLevel: z.number().nullable(),
    abandonPctToday: z.number(),
    abandonPctCampaign: z.number(),
    abandonCapPct: z.number(),
  })
  .meta({ id: 'CampaignProgress' });
export type TProgress = z.infer<typeof ZProgress>;

export const ZProgressUpdate = z.object({ at: ZIso, campaigns: z.array(ZProgress) }).meta({ id: 'CampaignProgressUpdate' });
export type TProgressUpdate = z.infer<typeof ZProgressUpdate>;

const ZAnswerTally = z.object({
  n: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const ZQuestionResult = z
  .object({
    key: z.string(),
    type: z.string(),
    label: z.string(),
    total: ZAnswerTally,
    strata: z.record(z.string(), ZAnswerTally),
  })
  .meta({ id: 'CampaignQuestionResult' });

export const ZCampaignResults = z
  .object({
    campaignId: z.number().int(),
    name: z.string(),
    status: z.string(),
    surveyId: z.number().int().nullable(),
    at: ZIso,
    progress: ZProgress,
    rates: z.object({ total: ZContactRates, strata: z.record(z.string(), ZContactRates) }),
    abandonment: ZAbandonment,
    dialing: ZDialing,
    talkTime: z
      .object({
        calls: z.number().int(),
        totalSec: z.number(),
        averageSec: z.number().nullable(),
        agents: z.array(z.object({ agentId: z.number().int(), username: z.string(), displayName: z.string(), calls: z.number().int(), totalSec: z.number() })),
      })
      .meta({ description: 'time agents spent talking on the campaign\'s calls, from the bridge to the hang-up' }),
    questions: z.array(ZQuestionResult).meta({ description: 'per question and stratum; the latest answer of each contact counts once' }),
    grievances: z
      .object({ count: z.number().int(), dockets: z.array(z.object({ docketNo: z.string(), status: z.string(), categoryCode: z.string(), createdAt: ZIso })) })
      .meta({ description: "grievances raised on the campaign's calls, or registered against the campaign" }),
  })
  .meta({ id: 'CampaignResults' });
export type TCampaignResults = z.input<typeof ZCampaignResults>;

export const ZFloipPart = z.object({
  part: z
    .enum(['package', 'descriptor', 'data'])
    .default('package')
    .meta({ description: 'package: the descriptor with the rows inline (one file); descriptor: datapackage.json naming the data file; data: that file, one row per answer' }),
});
