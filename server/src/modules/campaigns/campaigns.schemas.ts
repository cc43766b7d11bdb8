import { EXCLUSION_REASONS, STRATUM_DIMENSIONS } from '@samvad/campaigns';
import { z } from 'zod';
import { ZPhone } from '../../shared/phone.js';
import { CAMPAIGN_ACTIONS, CAMPAIGN_STATUSES } from './lifecycle.js';

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

const ZMinutes = z.number().int().min(1).max(7 * 24 * 60);

/** Only the keys given override the library's defaults. */
export const ZRetryPolicy = z
  .strictObject({
    busyMinutes: ZMinutes,
    noAnswerMinutes: ZMinutes,
    machineMinutes: ZMinutes,
    partialMinutes: ZMinutes,
    abandonedQuietHours: z.number().int().min(0).max(24 * 30),
  })
  .partial();

export const ZSamplingSpec = z.strictObject({
  strata: z.array(z.enum(STRATUM_DIMENSIONS)).max(STRATUM_DIMENSIONS.length).default([]).refine((s) => new Set(s).size === s.length, 'lists a dimension twice'),
  allocation: z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('proportional'), total: z.number().int().min(1).max(1_000_000) }),
    z.strictObject({ method: z.literal('equal'), total: z.number().int().min(1).max(1_000_000) }),
    z.strictObject({ method: z.literal('fixed'), perStratum: z.number().int().min(1).max(1_000_000) }),
  ]),
  recentContactDays: z.number().int().min(0).max(3650).default(90),
});

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  schemeCode: z.string().trim().min(1).max(40).optional(),
  mode: z.enum(['preview', 'progressive', 'predictive', 'ivr']),
  surveyId: z.number().int().positive().optional(),
  queueId: z.number().int().positive().optional(),
  callerId: ZPhone.optional(),
  startsOn: ZDate,
  endsOn: ZDate,
  windowStart: ZClock.default('09:00'),
  windowEnd: ZClock.default('21:00'),
  holidays: z.array(ZDate).max(366).default([]),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  retryPolicy: ZRetryPolicy.default({}),
  abandonCapPercent: z.number().min(0).max(100).default(3),
  sampling: ZSamplingSpec,
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
};

type TCampaignShape = { mode?: string; queueId?: number; startsOn?: string; endsOn?: string; windowStart?: string; windowEnd?: string };

function checkCampaign(value: TCampaignShape, ctx: z.RefinementCtx): void {
  if (value.startsOn !== undefined && value.endsOn !== undefined && value.endsOn < value.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'is before startsOn' });
  }
  if (value.windowStart !== undefined && value.windowEnd !== undefined && value.windowEnd <= value.windowStart) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must be after windowStart' });
  }
  // Agent modes need agents to connect answered calls to.
  if (value.mode !== undefined && value.mode !== 'ivr' && value.queueId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['queueId'], message: `is required for ${value.mode} campaigns` });
  }
}

export const ZCampaignCreate = z.strictObject(campaignFields).superRefine(checkCampaign);
export type TCampaignCreate = z.infer<typeof ZCampaignCreate>;

export const ZCampaignAction = z.enum(CAMPAIGN_ACTIONS);

const ZExcluded = z.record(z.enum(EXCLUSION_REASONS), z.number().int());

/** Planned against achievable size, per stratum and in total, with every exclusion counted. */
export const ZSamplePlan = z.object({
  seed: z.number().int(),
  stratifyBy: z.array(z.enum(STRATUM_DIMENSIONS)),
  asOf: z.string(),
  population: z.number().int(),
  eligible: z.number().int(),
  planned: z.number().int(),
  achievable: z.number().int(),
  excluded: ZExcluded,
  exact: z.boolean(),
  strata: z.array(
    z.object({
      stratum: z.string(),
      population: z.number().int(),
      eligible: z.number().int(),
      planned: z.number().int(),
      achievable: z.number().int(),
      shortfall: z.number().int(),
      excluded: ZExcluded,
    }),
  ),
});
export type TSamplePlan = z.infer<typeof ZSamplePlan>;

export const ZCampaign = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  mode: z.enum(['preview', 'progressive', 'predictive', 'ivr']),
  schemeCode: z.string().nullable(),
  surveyId: z.number().int().nullable(),
  queueId: z.number().int().nullable(),
  callerId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  holidays: z.array(z.string()),
  maxAttempts: z.number().int(),
  retryPolicy: ZRetryPolicy,
  abandonCapPercent: z.number(),
  sampling: ZSamplingSpec,
  seed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** contacts per status; empty until the campaign is scheduled and its sample drawn */
  contacts: z.record(z.string(), z.number().int()),
  history: z.array(z.object({ type: z.string(), fromStatus: z.enum(CAMPAIGN_STATUSES).nullable(), toStatus: z.enum(CAMPAIGN_STATUSES).nullable(), userId: z.number().int().nullable(), at: z.string() })),
});
export type TCampaign = z.infer<typeof ZCampaign>;

export const ZCampaignList = z.object({ campaigns: z.array(ZCampaign.omit({ history: true })) });
