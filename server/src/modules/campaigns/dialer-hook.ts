import type { TCampaignStatus } from './lifecycle.js';

export type { TCampaignStatus } from './lifecycle.js';

/**
 * What the campaigns service tells the dialer. Called after each committed status change, so the
 * dialer can stop placing calls within a second of a pause or cancel.
 */
export interface TCampaignDialerHook {
  campaignChanged(campaignId: number, status: TCampaignStatus): Promise<void>;
  /** preview mode: the agent dials the contact they have read; null when it is no longer there to dial */
  dialNow?(contactId: number, agent: { userId: number; username: string }): Promise<{ callId: string; attemptId: number } | null>;
}
