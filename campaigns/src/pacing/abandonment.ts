/** Abandoned calls against calls answered by a person (abandoned ones included), the measure the cap is set on. */
export interface TAbandonCount {
  answered: number;
  abandoned: number;
}

/** The same count for the calling day and for the whole campaign: the cap holds on both. */
export interface TAbandonment {
  today: TAbandonCount;
  campaign: TAbandonCount;
}

export const DEFAULT_ABANDON_CAP_PCT = 3;

export function abandonPct(count: TAbandonCount): number {
  return count.answered === 0 ? 0 : (100 * count.abandoned) / count.answered;
}

/** reached once abandoned calls make up capPct of answered calls: no more over-dialling until they fall below */
export function capReached(count: TAbandonCount, capPct: number): boolean {
  return count.abandoned > 0 && 100 * count.abandoned >= capPct * count.answered;
}

export function abandonCapReached(abandonment: TAbandonment, capPct: number): { today: boolean; campaign: boolean } {
  return { today: capReached(abandonment.today, capPct), campaign: capReached(abandonment.campaign, capPct) };
}
