import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { TCampaignCall as TServerCampaignCall } from '../../../../server/src/modules/campaigns/campaign-calls.schemas.js';
import { api, ApiError } from '../../api/client.js';

/** what the agent concludes about a campaign contact in wrap-up; the server's list */
export const CAMPAIGN_OUTCOMES = ['completed', 'partial', 'refused', 'wrong_person', 'dnd'] as const;
export type TCampaignOutcome = (typeof CAMPAIGN_OUTCOMES)[number];

const ZTexts = z.object({ hi: z.string(), en: z.string() });
const ZAnswerValue = z.union([z.string(), z.number(), z.boolean()]);
export type TAnswerValue = z.infer<typeof ZAnswerValue>;

const ZQuestion = z.object({
  key: z.string(),
  type: z.enum(['single', 'yesno', 'rating', 'number', 'voice', 'text']),
  text: ZTexts,
  options: z.array(z.object({ key: z.string(), value: z.string(), label: ZTexts })).optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  maxLength: z.number().int().optional(),
});
export type TCampaignQuestion = z.infer<typeof ZQuestion>;

export const ZCampaignCall = z.object({
  callId: z.string().nullable(),
  campaign: z.object({ id: z.number().int(), name: z.string(), mode: z.string(), schemeCode: z.string().nullable(), schemeName: ZTexts.nullable() }),
  contact: z.object({ id: z.number().int(), stratum: z.string(), status: z.string(), attemptNo: z.number().int(), residentId: z.number().int(), householdId: z.number().int() }),
  resident: z.object({ nameEn: z.string(), nameHi: z.string(), gender: z.string(), age: z.number().int(), language: z.string(), village: z.string() }),
  survey: z.object({ id: z.number().int(), code: z.string(), version: z.number().int(), title: ZTexts, questions: z.array(ZQuestion) }).nullable(),
  script: ZTexts.nullable(),
  answers: z.record(z.string(), ZAnswerValue),
  outcome: z.enum(CAMPAIGN_OUTCOMES).nullable(),
});
export type TCampaignCall = z.infer<typeof ZCampaignCall>;

type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** compiles only while this mirror is the server's shape, field for field */
export const mirrorsServer: TSame<TCampaignCall, TServerCampaignCall> = true;

const ZSaved = z.object({ answers: z.record(z.string(), ZAnswerValue) });

const key = (callId: string | null) => ['campaign-call', callId] as const;

/**
 * The campaign behind a call, when a campaign placed it: null for every other call (the server
 * answers 404), so the desk asks for every call without knowing in advance.
 */
export function useCampaignCall(callId: string | null) {
  return useQuery({
    queryKey: key(callId),
    enabled: callId !== null,
    staleTime: 60_000,
    queryFn: async () => {
      try {
        return await api(`/api/campaign-calls/${encodeURIComponent(callId ?? '')}`, { schema: ZCampaignCall });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** stores one answer at once; the saved answers replace what the query holds */
export function useSaveAnswer(callId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answer: { questionKey: string; answer: TAnswerValue }) =>
      api(`/api/campaign-calls/${encodeURIComponent(callId)}/answers`, { method: 'PUT', body: { answers: [answer] }, schema: ZSaved }),
    onSuccess: ({ answers }) => {
      client.setQueryData<TCampaignCall | null>(key(callId), (call) => (call ? { ...call, answers } : call));
    },
  });
}
