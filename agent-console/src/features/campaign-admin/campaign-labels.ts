import type { TBadgeTone } from '../../ui/Badge.js';
import type { TCampaignStatus } from './campaign-admin.api.js';

export const STATUS_TONE: Record<TCampaignStatus, TBadgeTone> = {
  draft: 'neutral',
  scheduled: 'info',
  running: 'success',
  paused: 'warning',
  completed: 'neutral',
  cancelled: 'danger',
};

/** contacts per status → their sum; a draft has none until it is scheduled */
export function contactTotal(contacts: Record<string, number>): number {
  return Object.values(contacts).reduce((sum, n) => sum + n, 0);
}
