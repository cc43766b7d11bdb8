import { describe, expect, it } from 'vitest';
import { actionsFor } from '../src/features/campaign-admin/campaign-admin.api.js';
import { formFieldOf, initialValues, kolkataDate, looksLike1600, problemKey, problemsByField, toDraft } from '../src/features/campaign-admin/campaign-form.js';
import { stratumParts } from '../src/features/campaign-admin/stratum-label.js';
import { CAMPAIGN_ACTIONS, CAMPAIGN_STATUSES, transition } from '../../server/src/modules/campaigns/lifecycle.js';

/** The campaign form's pure parts: what it sends, where the server's complaints go, which buttons show. */
describe('the campaign form', () => {
  // 20:00 UTC is already the next day in India
  const now = new Date('2026-12-07T20:00:00Z');

  it('starts from the server defaults, with dates in India time', () => {
    const values = initialValues(now);
    expect(kolkataDate(now)).toBe('2026-12-08');
    expect(values).toMatchObject({ startsOn: '2026-12-09', endsOn: '2026-12-22', windowStart: '09:00', windowEnd: '21:00', maxAttempts: '3', abandonCapPercent: '3', recentContactDays: '90', mode: 'preview' });
  });

  it('sends what was typed, leaving empty inputs out so the server applies its defaults or names them', () => {
    const values = { ...initialValues(now), name: 'Pension check', schemeCode: 'KUY', queueId: '1', strata: ['gender' as const, 'district' as const], allocation: 'fixed' as const, size: '2', seed: '' };
    values.retry.busyMinutes = '45';
    const draft = toDraft(values);
    expect(draft).toMatchObject({ name: 'Pension check', schemeCode: 'KUY', queueId: 1, surveyId: undefined, callerId: undefined, description: undefined, seed: undefined, maxAttempts: 3, retryPolicy: { busyMinutes: 45 } });
    // dimensions in the server's order, whatever order they were ticked in
    expect(draft.sampling).toEqual({ strata: ['district', 'gender'], allocation: { method: 'fixed', perStratum: 2 }, recentContactDays: 90 });
    expect(toDraft({ ...values, allocation: 'equal', size: '' }).sampling.allocation).toEqual({ method: 'equal', total: undefined });
    // JSON carries no undefined: the server sees the size missing and says so
    expect(JSON.parse(JSON.stringify(toDraft({ ...values, size: '' }))).sampling.allocation).toEqual({ method: 'fixed' });
  });

  it('puts each of the server’s problems at its input', () => {
    expect(formFieldOf('body.endsOn')).toBe('endsOn');
    expect(formFieldOf('body.sampling.allocation.perStratum')).toBe('size');
    expect(formFieldOf('body.sampling.allocation.total')).toBe('size');
    expect(formFieldOf('body.sampling.allocation')).toBe('allocation');
    expect(formFieldOf('body.holidays.2')).toBe('holidays');
    expect(formFieldOf('body.retryPolicy.noAnswerMinutes')).toBe('retry.noAnswerMinutes');
    expect(formFieldOf('body.retryPolicy.nonsense')).toBeNull();
    expect(formFieldOf('body')).toBeNull();
    const { byField, other } = problemsByField([
      { field: 'body.endsOn', message: 'is before startsOn' },
      { field: 'body.queueId', message: 'is required for preview campaigns' },
      { field: 'body', message: 'Unrecognized key: "x"' },
    ]);
    expect(byField).toEqual({ endsOn: ['is before startsOn'], queueId: ['is required for preview campaigns'] });
    expect(other).toEqual([{ field: 'body', message: 'Unrecognized key: "x"' }]);
  });

  it('reads the server’s wording as the interface’s own text, and leaves unknown wording alone', () => {
    expect(problemKey('is before startsOn')).toEqual({ key: 'endsBeforeStart' });
    expect(problemKey('is required for predictive campaigns')).toEqual({ key: 'queueRequired', values: { mode: 'predictive' } });
    expect(problemKey('Too small: expected number to be >=1')).toEqual({ key: 'atLeast', values: { min: '1' } });
    expect(problemKey('Too big: expected number to be <=10')).toEqual({ key: 'atMost', values: { max: '10' } });
    expect(problemKey('Invalid input: expected number, received null')).toEqual({ key: 'required' });
    expect(problemKey('something new')).toBeNull();
  });

  it('knows a 1600-series caller ID however it is written', () => {
    for (const n of ['+911600233445', '1600 233 445', '01600233445', '+91 1600-233-445']) expect(looksLike1600(n), n).toBe(true);
    for (const n of ['+919876543210', '18002334455', '9876543210']) expect(looksLike1600(n), n).toBe(false);
  });

  it('offers only the status changes the server allows from each status', () => {
    expect(actionsFor('draft')).toEqual(['schedule', 'cancel']);
    expect(actionsFor('scheduled')).toEqual(['start', 'cancel']);
    expect(actionsFor('running')).toEqual(['pause', 'complete', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'complete', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
    // the console's copy of the rules is the server's
    for (const status of CAMPAIGN_STATUSES) expect(actionsFor(status), status).toEqual(CAMPAIGN_ACTIONS.filter((action) => transition(status, action).ok));
  });

  it('splits a stratum key into its dimensions', () => {
    expect(stratumParts('all')).toEqual([]);
    expect(stratumParts('district=642;gender=female')).toEqual([
      ['district', '642'],
      ['gender', 'female'],
    ]);
  });
});
