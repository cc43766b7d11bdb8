import { dateInIndia } from '../shared/time.js';

export interface TQueueDay {
  answered: number;
  answeredWithinSl: number;
  abandoned: number;
}

export interface TQueueDayView extends TQueueDay {
  /** answered within the service level as a share of callers who were answered or gave up; null before any */
  serviceLevelPct: number | null;
}

/**
 * Today's answered and abandoned callers per queue, for the supervisors' board. "Today" is the
 * calendar day in India; the counters start again at midnight IST.
 */
export class DailyQueueStats {
  private day = '';
  private readonly counts = new Map<string, TQueueDay>();

  answered(queue: string, waitedMs: number, serviceLevelSec: number, at: number): void {
    const day = this.today(queue, at);
    day.answered += 1;
    if (waitedMs <= serviceLevelSec * 1000) day.answeredWithinSl += 1;
  }

  abandoned(queue: string, at: number): void {
    this.today(queue, at).abandoned += 1;
  }

  view(queue: string, at: number): TQueueDayView {
    const day = this.today(queue, at);
    const offered = day.answered + day.abandoned;
    return { ...day, serviceLevelPct: offered === 0 ? null : Math.round((day.answeredWithinSl / offered) * 1000) / 10 };
  }

  private today(queue: string, at: number): TQueueDay {
    const day = dateInIndia(new Date(at));
    if (day !== this.day) {
      this.day = day;
      this.counts.clear();
    }
    let counts = this.counts.get(queue);
    if (!counts) {
      counts = { answered: 0, answeredWithinSl: 0, abandoned: 0 };
      this.counts.set(queue, counts);
    }
    return counts;
  }
}

/** the instant today began in India (00:00 IST), for the start-up query */
export function startOfDayInIndia(at: number): Date {
  const day = dateInIndia(new Date(at));
  return new Date(`${day}T00:00:00+05:30`);
}
