import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { TPreviewDesk as TServerPreviewDesk } from '../../../../server/src/modules/campaigns/preview.schemas.js';
import { api } from '../../api/client.js';
import { ZCampaignCall } from './campaign-call.api.js';

export const ZPreviewDesk = z.object({
  campaigns: z.array(z.object({ id: z.number().int(), name: z.string(), queue: z.string(), due: z.number().int(), open: z.boolean() })),
  current: ZCampaignCall.nullable(),
  lastDial: z.object({ contactId: z.number().int(), callId: z.string(), outcome: z.string().nullable() }).nullable(),
});
export type TPreviewDesk = z.infer<typeof ZPreviewDesk>;

type TSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** compiles only while this mirror is the server's shape, field for field */
export const previewMirrorsServer: TSame<TPreviewDesk, TServerPreviewDesk> = true;

const KEY = ['campaign-preview'] as const;
const DIALLED = 'samvad.preview.dialled';

/** the call the agent dialled from a preview: its offer is theirs already, so the desk takes it */
export const dialledCall = {
  get(): string | null {
    try {
      return sessionStorage.getItem(DIALLED);
    } catch {
      return null;
    }
  },
  set(callId: string | null) {
    try {
      if (callId) sessionStorage.setItem(DIALLED, callId);
      else sessionStorage.removeItem(DIALLED);
    } catch {
      // storage disabled: the agent accepts the offer themselves
    }
  },
};

/** while a dial is in the air the answer is asked for every two seconds, until it is known */
export function usePreviewDesk(enabled: boolean) {
  return useQuery({
    queryKey: KEY,
    enabled,
    queryFn: () => api('/api/campaign-preview', { schema: ZPreviewDesk }),
    refetchInterval: (query) => (query.state.data?.lastDial && query.state.data.lastDial.outcome === null ? 2000 : false),
  });
}

function usePreviewAction<T>(action: (arg: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: action, onSettled: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useOpenNext = () => usePreviewAction((campaignId: number) => api('/api/campaign-preview/next', { method: 'POST', body: { campaignId }, schema: ZCampaignCall }));
export const useSkip = () =>
  usePreviewAction((contactId: number) => api(`/api/campaign-preview/contacts/${contactId}/skip`, { method: 'POST', schema: z.object({ contactId: z.number(), nextAttemptAt: z.string() }) }));
export const useDial = () =>
  usePreviewAction(async (contactId: number) => {
    const placed = await api(`/api/campaign-preview/contacts/${contactId}/dial`, { method: 'POST', schema: z.object({ contactId: z.number(), callId: z.string() }) });
    dialledCall.set(placed.callId);
    return placed;
  });
