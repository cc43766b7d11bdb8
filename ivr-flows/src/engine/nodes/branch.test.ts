import { describe, expect, it } from 'vitest';
import { flowOf, FlowWalker } from '../testing.js';

const flow = flowOf({
  start: 'open',
  calendars: { office: { weekly: { mon: ['09:00-17:00'], thu: ['09:00-17:00'] }, holidays: ['2026-01-26'] } },
  nodes: {
    open: { type: 'branch', cases: [{ when: { openNow: 'office' }, next: 'known' }], otherwise: 'closed' },
    known: {
      type: 'branch',
      cases: [
        { when: { all: [{ var: 'households', exists: true }, { not: { var: 'tier', equals: 'blocked' } }] }, next: 'vip' },
        { when: { any: [{ var: 'score', gt: 10 }, { var: 'tier', in: ['gold', 'silver'] }] }, next: 'gold' },
      ],
      otherwise: 'plain',
    },
    closed: { type: 'hangup', prompt: { en: 'closed', hi: 'बंद' } },
    vip: { type: 'hangup', prompt: { en: 'vip', hi: 'vip' } },
    gold: { type: 'hangup', prompt: { en: 'gold', hi: 'gold' } },
    plain: { type: 'hangup', prompt: { en: 'plain', hi: 'plain' } },
  },
});

const thursdayNoonIst = '2026-03-12T06:30:00.000Z';

describe('branch', () => {
  it('checks working hours in Asia/Kolkata, holidays included', () => {
    expect(new FlowWalker(flow, { at: thursdayNoonIst }).heard).toEqual(['plain']);
    // 17:30 IST on a Thursday
    expect(new FlowWalker(flow, { at: '2026-03-12T12:00:00.000Z' }).heard).toEqual(['closed']);
    // a Monday that is Republic Day
    expect(new FlowWalker(flow, { at: '2026-01-26T06:30:00.000Z' }).heard).toEqual(['closed']);
    // 08:59 and 09:00 IST on a Monday
    expect(new FlowWalker(flow, { at: '2026-03-16T03:29:00.000Z' }).heard).toEqual(['closed']);
    expect(new FlowWalker(flow, { at: '2026-03-16T03:30:00.000Z' }).heard).toEqual(['plain']);
  });

  it('takes the first case that holds: all, any, not, exists, equals, in, gt', () => {
    expect(new FlowWalker(flow, { at: thursdayNoonIst, variables: { households: [{ id: 1 }] } }).heard).toEqual(['vip']);
    expect(new FlowWalker(flow, { at: thursdayNoonIst, variables: { households: [{ id: 1 }], tier: 'blocked' } }).heard).toEqual(['plain']);
    expect(new FlowWalker(flow, { at: thursdayNoonIst, variables: { households: [], score: 11 } }).heard).toEqual(['gold']);
    expect(new FlowWalker(flow, { at: thursdayNoonIst, variables: { tier: 'silver' } }).heard).toEqual(['gold']);
    expect(new FlowWalker(flow, { at: thursdayNoonIst, variables: { score: 10 } }).heard).toEqual(['plain']);
  });
});
