import { abandonPct, type TAbandonCount } from '../pacing/abandonment.js';
import { indiaDate } from '../shared/india.js';
import type { TResultAttempt } from './types.js';

export interface TAbandonmentDay extends TAbandonCount {
  /** YYYY-MM-DD in India */
  date: string;
  pct: number;
}

/** Abandoned calls against calls a person answered, per calling day (in India) and over the campaign. */
export function abandonmentReport(attempts: readonly TResultAttempt[]): { days: TAbandonmentDay[]; campaign: TAbandonCount & { pct: number } } {
  const days = new Map<string, TAbandonCount>();
  const campaign: TAbandonCount = { answered: 0, abandoned: 0 };
  for (const attempt of attempts) {
    if (attempt.outcome !== 'answered' && attempt.outcome !== 'abandoned') continue;
    const date = indiaDate(attempt.startedAt);
    const day = days.get(date) ?? { answered: 0, abandoned: 0 };
    day.answered += 1;
    campaign.answered += 1;
    if (attempt.outcome === 'abandoned') {
      day.abandoned += 1;
      campaign.abandoned += 1;
    }
    days.set(date, day);
  }
  return {
    days: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, c]) => ({ date, ...c, pct: abandonPct(c) })),
    campaign: { ...campaign, pct: abandonPct(campaign) },
  };
}
