/** A campaign's status machine. Pure, so every transition is testable without a database. */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type TCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_ACTIONS = ['schedule', 'start', 'pause', 'resume', 'complete', 'cancel'] as const;
export type TCampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/** Where each action may be taken from, and where it leads. */
const RULES: Record<TCampaignAction, { from: readonly TCampaignStatus[]; to: TCampaignStatus }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  // A paused campaign can be closed without resuming it first.
  complete: { from: ['running', 'paused'], to: 'completed' },
  // Completed campaigns keep their results; only unfinished ones can be cancelled.
  cancel: { from: ['draft', 'scheduled', 'running', 'paused'], to: 'cancelled' },
};

export type TTransition =
  | { ok: true; from: TCampaignStatus; to: TCampaignStatus }
  | { ok: false; from: TCampaignStatus; reason: string };

export function transition(from: TCampaignStatus, action: TCampaignAction): TTransition {
  const rule = RULES[action];
  if (rule.from.includes(from)) return { ok: true, from, to: rule.to };
  const allowed = rule.from.join(' or ');
  return { ok: false, from, reason: `cannot ${action} a ${from} campaign: only a ${allowed} campaign can be ${pastTense(action)}` };
}

/** Only a draft can be edited: once contacts are sampled its definition is fixed. */
export function isEditable(status: TCampaignStatus): boolean {
  return status === 'draft';
}

/** Statuses the dialer works in. */
export function isDialing(status: TCampaignStatus): boolean {
  return status === 'running';
}

function pastTense(action: TCampaignAction): string {
  switch (action) {
    case 'schedule':
      return 'scheduled';
    case 'start':
      return 'started';
    case 'pause':
      return 'paused';
    case 'resume':
      return 'resumed';
    case 'complete':
      return 'completed';
    case 'cancel':
      return 'cancelled';
  }
}
