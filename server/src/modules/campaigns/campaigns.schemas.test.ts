import { describe, expect, it } from 'vitest';
import { ZCampaignCreate } from './campaigns.schemas.js';

const base = {
  name: 'PDS ration delivery check',
  mode: 'progressive',
  queueId: 2,
  startsOn: '2026-12-10',
  endsOn: '2026-12-20',
  sampling: { strata: ['district', 'gender'], allocation: { method: 'proportional', total: 120 } },
};

describe('campaign request schema', () => {
  it('fills the defaults', () => {
    const parsed = ZCampaignCreate.parse(base);
    expect(parsed).toMatchObject({ windowStart: '09:00', windowEnd: '21:00', holidays: [], maxAttempts: 3, abandonCapPercent: 3, retryPolicy: {}, seed: 1 });
    expect(parsed.sampling.recentContactDays).toBe(90);
    expect(parsed.callerId).toBeUndefined();
  });

  it('normalises the caller id to E.164 and refuses a bad one', () => {
    expect(ZCampaignCreate.parse({ ...base, callerId: '0771 2345678' }).callerId).toBe('+917712345678');
    const bad = ZCampaignCreate.safeParse({ ...base, callerId: '12' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['callerId']);
  });

  it('refuses an end before the start and a window that closes before it opens', () => {
    const r = ZCampaignCreate.safeParse({ ...base, endsOn: '2026-12-01', windowStart: '21:00', windowEnd: '09:00' });
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['endsOn', 'windowEnd']);
  });

  it('needs a queue for agent modes, not for IVR', () => {
    const { queueId: _unused, ...withoutQueue } = base;
    expect(ZCampaignCreate.safeParse(withoutQueue).error?.issues[0]?.path).toEqual(['queueId']);
    expect(ZCampaignCreate.safeParse({ ...withoutQueue, mode: 'ivr' }).success).toBe(true);
  });

  it('refuses an unknown stratum, a repeated one and an unknown allocation', () => {
    expect(ZCampaignCreate.safeParse({ ...base, sampling: { ...base.sampling, strata: ['caste'] } }).success).toBe(false);
    expect(ZCampaignCreate.safeParse({ ...base, sampling: { ...base.sampling, strata: ['district', 'district'] } }).success).toBe(false);
    expect(ZCampaignCreate.safeParse({ ...base, sampling: { ...base.sampling, allocation: { method: 'random', total: 5 } } }).success).toBe(false);
  });

  it('refuses unknown retry keys and fields', () => {
    expect(ZCampaignCreate.safeParse({ ...base, retryPolicy: { busyMinutes: 15 } }).success).toBe(true);
    expect(ZCampaignCreate.safeParse({ ...base, retryPolicy: { sometimes: 1 } }).success).toBe(false);
    expect(ZCampaignCreate.safeParse({ ...base, colour: 'red' }).success).toBe(false);
  });
});
