import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type {
  TCampaign as TServerCampaign,
  TCampaignCreate as TServerCampaignCreate,
  TSamplePlan as TServerSamplePlan,
} from '../../../../server/src/modules/campaigns/campaigns.schemas.js';
import type { TCampaignAction as TServerAction, TCampaignStatus as TServerStatus } from '../../../../server/src/modules/campaigns/lifecycle.js';
import type { TQueueList as TServerQueueList, TSchemeList as TServerSchemeList } from '../../../../server/src/modules/reference/reference.schemas.js';
import { api } from '../../api/client.js';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type TCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_ACTIONS = ['schedule', 'start', 'pause', 'resume', 'complete', 'cancel'] as const;
export type TCampaignAction = (typeof CAMPAIGN_ACTIONS)[number];
export const CAMPAIGN_MODES = ['preview', 'progressive', 'predictive', 'ivr'] as const;
export type TCampaignMode = (typeof CAMPAIGN_MODES)[number];
export const STRATUM_DIMENSIONS = ['scheme', 'district', 'block', 'gender', 'ageBand', 'paymentStatus'] as const;
export type TStratumDimension = (typeof STRATUM_DIMENSIONS)[number];
export const ALLOCATION_METHODS = ['proportional', 'equal', 'fixed'] as const;
export type TAllocationMethod = (typeof ALLOCATION_METHODS)[number];
export const EXCLUSION_REASONS = ['dnd', 'no_consent', 'invalid_mobile', 'recently_contacted', 'household_in_campaign', 'household_already_sampled'] as const;
export const RETRY_KEYS = ['busyMinutes', 'noAnswerMinutes', 'machineMinutes', 'partialMinutes', 'abandonedQuietHours'] as const;
export type TRetryKey = (typeof RETRY_KEYS)[number];

// every reason, counted (zero where none)
const ZExcluded = z.record(z.enum(EXCLUSION_REASONS), z.number().int());

const ZSampling = z.object({
  strata: z.array(z.enum(STRATUM_DIMENSIONS)),
  allocation: z.discriminatedUnion('method', [
    z.object({ method: z.literal('proportional'), total: z.number().int() }),
    z.object({ method: z.literal('equal'), total: z.number().int() }),
    z.object({ method: z.literal('fixed'), perStratum: z.number().int() }),
  ]),
  recentContactDays: z.number().int(),
});

const campaignShape = {
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  mode: z.enum(CAMPAIGN_MODES),
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
  retryPolicy: z.object({
    busyMinutes: z.number().int().optional(),
    noAnswerMinutes: z.number().int().optional(),
    machineMinutes: z.number().int().optional(),
    partialMinutes: z.number().int().optional(),
    abandonedQuietHours: z.number().int().optional(),
  }),
  abandonCapPercent: z.number(),
  sampling: ZSampling,
  seed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  contacts: z.record(z.string(), z.number().int()),
};

export const ZCampaign = z.object({
  ...campaignShape,
  history: z.array(
    z.object({
      type: z.string(),
      fromStatus: z.enum(CAMPAIGN_STATUSES).nullable(),
      toStatus: z.enum(CAMPAIGN_STATUSES).nullable(),
      userId: z.number().int().nullable(),
      at: z.string(),
    }),
  ),
});
export type TCampaign = z.infer<typeof ZCampaign>;
const ZCampaignList = z.object({ campaigns: z.array(z.object(campaignShape)) });
export type TCampaignSummary = z.infer<typeof ZCampaignList>['campaigns'][number];

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

const ZDepartment = z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string() });
const ZQueueList = z.object({
  queues: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      nameHi: z.string(),
      language: z.enum(['hi', 'cg', 'en']).nullable(),
      department: ZDepartment.nullable(),
      active: z.boolean(),
    }),
  ),
});
export type TQueueOption = z.infer<typeof ZQueueList>['queues'][number];

const ZSchemeList = z.object({
  schemes: z.array(
    z.object({
      code: z.string(),
      nameEn: z.string(),
      nameHi: z.string(),
      level: z.string(),
      status: z.string(),
      department: ZDepartment,
      enrolments: z.object({ total: z.number().int(), active: z.number().int() }),
    }),
  ),
});
export type TSchemeOption = z.infer<typeof ZSchemeList>['schemes'][number];

const ZSurveyList = z.object({
  surveys: z.array(z.object({ id: z.number().int(), code: z.string(), version: z.number().int(), title: z.string(), titleHi: z.string(), questionCount: z.number().int() })),
});
export type TSurveyOption = z.infer<typeof ZSurveyList>['surveys'][number];

const ZDistricts = z.array(
  z.object({ code: z.number().int(), name: z.string(), nameHi: z.string(), blocks: z.array(z.object({ id: z.number().int(), name: z.string(), nameHi: z.string() })) }),
);
export type TDistricts = z.infer<typeof ZDistricts>;

/**
 * What the form sends: the server's create request as it travels over JSON. Inputs left empty
 * are left out, so the server applies its default or names the field it needs.
 */
export interface TCampaignDraft {
  name: string;
  description?: string | undefined;
  schemeCode?: string | undefined;
  mode: TCampaignMode;
  surveyId?: number | undefined;
  queueId?: number | undefined;
  callerId?: string | undefined;
  startsOn: string;
  endsOn: string;
  windowStart: string;
  windowEnd: string;
  holidays: string[];
  maxAttempts?: number | undefined;
  retryPolicy: Partial<Record<TRetryKey, number>>;
  abandonCapPercent?: number | undefined;
  sampling: {
    strata: TStratumDimension[];
    allocation: { method: 'proportional' | 'equal'; total?: number | undefined } | { method: 'fixed'; perStratum?: number | undefined };
    recentContactDays?: number | undefined;
  };
  seed?: number | undefined;
}

type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** compile only while these mirrors are the server's shapes */
export const mirrorsServer: [
  TSame<TCampaign, TServerCampaign>,
  TSame<TCampaignStatus, TServerStatus>,
  TSame<TCampaignAction, TServerAction>,
  TSame<z.infer<typeof ZQueueList>, TServerQueueList>,
  TSame<z.infer<typeof ZSchemeList>, TServerSchemeList>,
  TSame<TSamplePlan, TServerSamplePlan>,
] = [true, true, true, true, true, true];
/** the form sends the fields of the server's create request, by the same names */
export const draftFitsServer: [TSame<keyof TCampaignDraft, keyof TServerCampaignCreate>, TSame<keyof TCampaignDraft['sampling'], keyof TServerCampaignCreate['sampling']>] = [true, true];

/** The statuses each action may be taken from: the server's lifecycle rules, for showing only the buttons that can work. */
const ACTIONS_FROM: Record<TCampaignAction, readonly TCampaignStatus[]> = {
  schedule: ['draft'],
  start: ['scheduled'],
  pause: ['running'],
  resume: ['paused'],
  complete: ['running', 'paused'],
  cancel: ['draft', 'scheduled', 'running', 'paused'],
};

export function actionsFor(status: TCampaignStatus): TCampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((action) => ACTIONS_FROM[action].includes(status));
}

const keys = {
  all: ['campaign-admin'] as const,
  list: (status: TCampaignStatus | undefined) => ['campaign-admin', 'list', status ?? 'all'] as const,
  one: (id: number) => ['campaign-admin', 'campaign', id] as const,
  plan: (id: number) => ['campaign-admin', 'plan', id] as const,
};

export function useCampaigns(status: TCampaignStatus | undefined) {
  return useQuery({
    queryKey: keys.list(status),
    staleTime: 0,
    queryFn: ({ signal }) => api('/api/campaigns', { query: { status }, schema: ZCampaignList, signal }),
  });
}

export function useCampaign(id: number) {
  return useQuery({ queryKey: keys.one(id), enabled: id > 0, staleTime: 0, queryFn: ({ signal }) => api(`/api/campaigns/${id}`, { schema: ZCampaign, signal }) });
}

export function usePlan(id: number) {
  return useQuery({ queryKey: keys.plan(id), staleTime: 0, queryFn: ({ signal }) => api(`/api/campaigns/${id}/plan`, { schema: ZSamplePlan, signal }) });
}

export function useQueues() {
  return useQuery({ queryKey: ['reference', 'queues'], queryFn: ({ signal }) => api('/api/queues', { schema: ZQueueList, signal }) });
}

export function useSchemes() {
  return useQuery({ queryKey: ['reference', 'schemes'], queryFn: ({ signal }) => api('/api/schemes', { schema: ZSchemeList, signal }) });
}

export function useSurveys() {
  return useQuery({ queryKey: ['reference', 'surveys'], queryFn: ({ signal }) => api('/api/surveys', { schema: ZSurveyList, signal }) });
}

export function useDistricts() {
  return useQuery({ queryKey: ['reference', 'districts'], queryFn: ({ signal }) => api('/api/districts', { schema: ZDistricts, signal }) });
}

export function useCreateCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (draft: TCampaignDraft) => api('/api/campaigns', { method: 'POST', body: draft, schema: ZCampaign }),
    onSuccess: (campaign) => {
      client.setQueryData(keys.one(campaign.id), campaign);
      void client.invalidateQueries({ queryKey: [...keys.all, 'list'] });
    },
  });
}

/**
 * A status change. Whatever the answer (done, or refused because the campaign moved on
 * meanwhile), the campaign, its plan and the lists are read again, so the page shows the
 * server's state and never a guess.
 */
export function useCampaignAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: TCampaignAction) => api(`/api/campaigns/${id}/${action}`, { method: 'POST', schema: ZCampaign }),
    onSuccess: (campaign) => client.setQueryData(keys.one(id), campaign),
    onSettled: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}
