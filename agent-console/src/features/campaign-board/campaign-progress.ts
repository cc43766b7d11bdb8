import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { realtime } from '../../realtime/connection.js';

/** `campaign:progress` as it arrives; checked here although the server's contract types it */
export const ZCampaignProgress = z.object({
  campaignId: z.number().int(),
  name: z.string(),
  status: z.string(),
  planned: z.number().int(),
  dialled: z.number().int(),
  completed: z.number().int(),
  concluded: z.number().int(),
  inFlight: z.number().int(),
  dialLevel: z.number().nullable(),
  abandonPctToday: z.number(),
  abandonPctCampaign: z.number(),
  abandonCapPct: z.number(),
});
export type TCampaignProgress = z.infer<typeof ZCampaignProgress>;
const ZUpdate = z.object({ at: z.string(), campaigns: z.array(ZCampaignProgress) });
export type TCampaignProgressState = z.infer<typeof ZUpdate> | null;

/**
 * The running campaigns as the server last pushed them (every ~2 s while any runs). Nothing
 * until the first push: the panel says it is waiting.
 */
function createCampaignProgress() {
  let state: TCampaignProgressState = null;
  let listening = false;
  const listeners = new Set<() => void>();
  function listen() {
    if (listening) return;
    listening = true;
    realtime.onEvent((event, payload) => {
      if (event !== 'campaign:progress') return;
      const parsed = ZUpdate.safeParse(payload);
      if (!parsed.success) return;
      state = parsed.data;
      for (const listener of listeners) listener();
    });
  }
  return {
    subscribe(listener: () => void): () => void {
      listen();
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get: (): TCampaignProgressState => state,
  };
}

export const campaignProgress = createCampaignProgress();

export function useCampaignProgress(): TCampaignProgressState {
  return useSyncExternalStore(campaignProgress.subscribe, campaignProgress.get);
}
