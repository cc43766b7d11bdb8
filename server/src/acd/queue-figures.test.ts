import { describe, expect, it } from 'vitest';
import { expectedWaitSec, HandlingTimes } from './handling-times.js';
import { DailyQueueStats, startOfDayInIndia } from './queue-stats.js';

describe('expected wait', () => {
  it('is nothing when a ready agent will take the caller, and grows with the callers ahead', () => {
    expect(expectedWaitSec(1, { ready: 1, busy: 3 }, 200)).toBe(0);
    expect(expectedWaitSec(3, { ready: 1, busy: 1 }, 200)).toBe(200);
    expect(expectedWaitSec(5, { ready: 0, busy: 2 }, 240)).toBe(600);
    // nobody signed in: one agent's pace, never zero
    expect(expectedWaitSec(1, { ready: 0, busy: 0 }, 240)).toBe(240);
  });

  it('uses the recent handling times of the queue, with a default before any', () => {
    const times = new HandlingTimes(240, 3);
    expect(times.averageSec('general-hi')).toBe(240);
    for (const s of [100, 200, 300, 400]) times.record('general-hi', s);
    expect(times.averageSec('general-hi')).toBe(300);
    expect(times.averageSec('food-hi')).toBe(240);
  });
});

describe('DailyQueueStats', () => {
  const morning = Date.parse('2026-03-12T04:00:00Z'); // 09:30 IST

  it('computes the service level over answered and abandoned callers', () => {
    const stats = new DailyQueueStats();
    stats.answered('general-hi', 5_000, 20, morning);
    stats.answered('general-hi', 25_000, 20, morning);
    stats.abandoned('general-hi', morning);
    stats.answered('general-hi', 20_000, 20, morning);
    expect(stats.view('general-hi', morning)).toEqual({ answered: 3, answeredWithinSl: 2, abandoned: 1, serviceLevelPct: 50 });
    expect(stats.view('food-hi', morning).serviceLevelPct).toBeNull();
  });

  it('starts again at midnight in India, not in UTC', () => {
    const stats = new DailyQueueStats();
    const lateEvening = Date.parse('2026-03-12T18:00:00Z'); // 23:30 IST
    stats.answered('general-hi', 1000, 20, lateEvening);
    expect(stats.view('general-hi', Date.parse('2026-03-12T18:20:00Z')).answered).toBe(1);
    expect(stats.view('general-hi', Date.parse('2026-03-12T18:40:00Z')).answered).toBe(0); // 00:10 IST
    expect(startOfDayInIndia(lateEvening).toISOString()).toBe('2026-03-11T18:30:00.000Z');
  });
});
