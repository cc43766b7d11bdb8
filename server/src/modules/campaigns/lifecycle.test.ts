import { describe, expect, it } from 'vitest';
import { CAMPAIGN_ACTIONS, CAMPAIGN_STATUSES, isDialing, isEditable, transition, type TCampaignAction, type TCampaignStatus } from './lifecycle.js';

// Every legal move, written out by hand so the table in lifecycle.ts is checked against it.
const LEGAL: ReadonlyArray<[TCampaignStatus, TCampaignAction, TCampaignStatus]> = [
  ['draft', 'schedule', 'scheduled'],
  ['draft', 'cancel', 'cancelled'],
  ['scheduled', 'start', 'running'],
  ['scheduled', 'cancel', 'cancelled'],
  ['running', 'pause', 'paused'],
  ['running', 'complete', 'completed'],
  ['running', 'cancel', 'cancelled'],
  ['paused', 'resume', 'running'],
  ['paused', 'complete', 'completed'],
  ['paused', 'cancel', 'cancelled'],
];

describe('campaign lifecycle', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ ok: true, from, to });
  });

  const illegal = CAMPAIGN_STATUSES.flatMap((from) =>
    CAMPAIGN_ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it('has 26 illegal moves out of 36', () => {
    expect(illegal).toHaveLength(36 - LEGAL.length);
  });

  it.each(illegal)('refuses %s --%s--> with a reason', (from, action) => {
    const result = transition(from, action);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(`cannot ${action} a ${from} campaign`);
  });

  it('names the statuses an action is allowed from', () => {
    const result = transition('completed', 'pause');
    expect(result).toEqual({ ok: false, from: 'completed', reason: 'cannot pause a completed campaign: only a running campaign can be paused' });
  });

  it('completed and cancelled are final', () => {
    for (const action of CAMPAIGN_ACTIONS) {
      expect(transition('completed', action).ok).toBe(false);
      expect(transition('cancelled', action).ok).toBe(false);
    }
  });

  it('only a draft is editable, only a running campaign dials', () => {
    expect(CAMPAIGN_STATUSES.filter(isEditable)).toEqual(['draft']);
    expect(CAMPAIGN_STATUSES.filter(isDialing)).toEqual(['running']);
  });
});
