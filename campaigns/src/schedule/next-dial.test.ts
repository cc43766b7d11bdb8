import { describe, expect, it } from 'vitest';
import { callingCalendar } from './calendar.js';
import { nextDialableAt, type TAttemptRecord, type TCampaignSchedule } from './next-dial.js';
import { DEFAULT_RETRY_POLICY, retryPolicyFrom } from './retry-policy.js';
import { ist } from './testing.js';

const schedule: TCampaignSchedule = {
  calendar: callingCalendar({ startsOn: '2026-03-02', endsOn: '2026-03-13', holidays: ['2026-03-04'] }),
  retry: DEFAULT_RETRY_POLICY,
};
const pending = { status: 'pending' as const };
const attempt = (local: string, outcome: TAttemptRecord['outcome'], result?: TAttemptRecord['result']): TAttemptRecord => ({ at: ist(local), outcome, result });

describe('nextDialableAt: first attempt', () => {
  it('dials now inside the window, or at the next opening outside it', () => {
    expect(nextDialableAt(pending, [], schedule, ist('2026-03-02 10:00'))).toEqual({ at: ist('2026-03-02 10:00'), status: 'pending', reason: 'first_attempt', movedIntoWindow: false });
    expect(nextDialableAt(pending, [], schedule, ist('2026-03-02 06:00'))).toMatchObject({ at: ist('2026-03-02 09:00'), movedIntoWindow: true });
    expect(nextDialableAt(pending, [], schedule, ist('2026-03-03 22:00'))).toMatchObject({ at: ist('2026-03-05 09:00') });
  });
});

describe('nextDialableAt: retry delays', () => {
  const now = ist('2026-03-02 10:01');
  it('redials a busy number after 30 minutes and an unanswered one after 2 hours', () => {
    expect(nextDialableAt(pending, [attempt('2026-03-02 10:00', 'busy')], schedule, now)).toMatchObject({ at: ist('2026-03-02 10:30'), reason: 'after_busy' });
    expect(nextDialableAt(pending, [attempt('2026-03-02 10:00', 'no_answer')], schedule, now)).toMatchObject({ at: ist('2026-03-02 12:00'), reason: 'after_no_answer' });
    expect(nextDialableAt(pending, [attempt('2026-03-02 10:00', 'machine')], schedule, now)).toMatchObject({ at: ist('2026-03-02 12:00'), reason: 'after_machine' });
  });

  it('counts the delay from the end of the call when it is known', () => {
    const call: TAttemptRecord = { at: ist('2026-03-02 10:00'), endedAt: ist('2026-03-02 10:05'), outcome: 'busy' };
    expect(nextDialableAt(pending, [call], schedule, now)).toMatchObject({ at: ist('2026-03-02 10:35') });
  });

  it('waits for the next window after a failed or congested call, even with the window still open', () => {
    for (const outcome of ['failed', 'congestion'] as const) {
      expect(nextDialableAt(pending, [attempt('2026-03-02 10:00', outcome)], schedule, now)).toMatchObject({ at: ist('2026-03-03 09:00'), reason: 'next_window' });
    }
    // Tuesday's next window is Thursday: Wednesday is Holi
    expect(nextDialableAt(pending, [attempt('2026-03-03 10:00', 'failed')], schedule, ist('2026-03-03 10:01'))).toMatchObject({ at: ist('2026-03-05 09:00') });
  });

  it('moves a retry that falls after 21:00 to the next calling day, skipping a holiday', () => {
    expect(nextDialableAt(pending, [attempt('2026-03-02 20:45', 'busy')], schedule, ist('2026-03-02 20:46'))).toMatchObject({ at: ist('2026-03-03 09:00'), movedIntoWindow: true });
    expect(nextDialableAt(pending, [attempt('2026-03-03 20:00', 'no_answer')], schedule, ist('2026-03-03 20:01'))).toMatchObject({ at: ist('2026-03-05 09:00') });
  });

  it('keeps a retry that lands exactly at the last minute inside the window', () => {
    expect(nextDialableAt(pending, [attempt('2026-03-02 20:29', 'busy')], schedule, ist('2026-03-02 20:30'))).toMatchObject({ at: ist('2026-03-02 20:59'), movedIntoWindow: false });
  });

  it('never returns a time in the past', () => {
    expect(nextDialableAt(pending, [attempt('2026-03-02 10:00', 'busy')], schedule, ist('2026-03-02 15:00'))).toMatchObject({ at: ist('2026-03-02 15:00') });
  });

  it('calls back a partial survey after the partial delay', () => {
    expect(nextDialableAt({ status: 'partial' }, [attempt('2026-03-02 10:00', 'answered', 'partial')], schedule, now)).toMatchObject({ at: ist('2026-03-02 12:00'), reason: 'after_partial' });
  });
});

describe('nextDialableAt: abandoned calls', () => {
  it('does not redial within 72 hours of an abandoned call', () => {
    expect(nextDialableAt({ status: 'abandoned' }, [attempt('2026-03-02 10:00', 'abandoned')], schedule, ist('2026-03-02 10:01'))).toMatchObject({ at: ist('2026-03-05 10:00'), reason: 'after_abandon' });
  });

  it('holds the 72 hours even when a later attempt would allow sooner', () => {
    const history = [attempt('2026-03-02 10:00', 'abandoned'), attempt('2026-03-02 11:00', 'busy')];
    expect(nextDialableAt(pending, history, { ...schedule, retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 5 } }, ist('2026-03-02 11:01'))).toMatchObject({ at: ist('2026-03-05 10:00'), reason: 'after_abandon' });
    expect(nextDialableAt({ status: 'pending', lastAbandonAt: ist('2026-03-02 10:00') }, [], schedule, ist('2026-03-02 11:00'))).toMatchObject({ at: ist('2026-03-05 10:00') });
  });

  it('moves the end of the quiet period into the window', () => {
    // Thursday 20:30 + 72 h is Sunday 20:30: inside the window, unless Sundays are rest days
    const abandoned = [attempt('2026-03-05 20:30', 'abandoned')];
    expect(nextDialableAt({ status: 'abandoned' }, abandoned, schedule, ist('2026-03-05 20:31'))).toMatchObject({ at: ist('2026-03-08 20:30'), movedIntoWindow: false });
    const noSundays = { ...schedule, calendar: { ...schedule.calendar, restDays: [0] } };
    expect(nextDialableAt({ status: 'abandoned' }, abandoned, noSundays, ist('2026-03-05 20:31'))).toMatchObject({ at: ist('2026-03-09 09:00'), movedIntoWindow: true });
  });
});

describe('nextDialableAt: stopping', () => {
  const now = ist('2026-03-02 12:00');
  it('never retries a completed, refused, wrong-person or DND contact', () => {
    for (const result of ['completed', 'refused', 'wrong_person', 'dnd'] as const) {
      expect(nextDialableAt({ status: result }, [], schedule, now)).toEqual({ at: null, status: result, reason: 'final_outcome' });
      expect(nextDialableAt(pending, [attempt('2026-03-02 10:00', 'answered', result)], schedule, now)).toEqual({ at: null, status: result, reason: 'final_outcome' });
    }
  });

  it('stops after the maximum attempts, keeping the best outcome reached', () => {
    const tries = [attempt('2026-03-02 09:00', 'no_answer'), attempt('2026-03-02 11:00', 'busy'), attempt('2026-03-02 11:30', 'no_answer')];
    expect(nextDialableAt(pending, tries, schedule, now)).toEqual({ at: null, status: 'unreachable', reason: 'max_attempts' });
    expect(nextDialableAt(pending, tries.slice(0, 2), schedule, now).at).not.toBeNull();
    const partly = [...tries.slice(0, 2), attempt('2026-03-02 11:30', 'answered', 'partial')];
    expect(nextDialableAt(pending, partly, schedule, now)).toMatchObject({ at: null, status: 'partial' });
    const dropped = [...tries.slice(0, 2), attempt('2026-03-02 11:30', 'abandoned')];
    expect(nextDialableAt(pending, dropped, schedule, now)).toMatchObject({ at: null, status: 'abandoned' });
  });

  it('stops when the campaign has no window left', () => {
    expect(nextDialableAt(pending, [attempt('2026-03-13 20:50', 'busy')], schedule, ist('2026-03-13 20:51'))).toEqual({ at: null, status: 'unreachable', reason: 'campaign_over' });
    expect(nextDialableAt(pending, [], schedule, ist('2026-03-14 10:00'))).toEqual({ at: null, status: 'cancelled', reason: 'campaign_over' });
  });

  it('does not schedule a contact whose call is in progress', () => {
    expect(nextDialableAt({ status: 'dialing' }, [], schedule, now)).toEqual({ at: null, status: 'dialing', reason: 'call_in_progress' });
  });
});

describe('retryPolicyFrom', () => {
  it('overrides the defaults with the known keys and reports the rest', () => {
    const { policy, ignored } = retryPolicyFrom({ busyMinutes: 15, colour: 'red' }, 5);
    expect(policy).toEqual({ ...DEFAULT_RETRY_POLICY, busyMinutes: 15, maxAttempts: 5 });
    expect(ignored).toEqual(['colour']);
    expect(retryPolicyFrom(null).policy).toEqual(DEFAULT_RETRY_POLICY);
  });

  it('refuses values that are not sensible numbers', () => {
    expect(() => retryPolicyFrom({ busyMinutes: -1 })).toThrow(RangeError);
    expect(() => retryPolicyFrom({ busyMinutes: '30' })).toThrow(RangeError);
    expect(() => retryPolicyFrom([])).toThrow(RangeError);
    expect(() => retryPolicyFrom({}, 0)).toThrow(RangeError);
  });
});
