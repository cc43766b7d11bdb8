import type { TContactStatus } from '../schedule/next-dial.js';
import type { TResultContact } from './types.js';

export interface TContactRates {
  sampled: number;
  /** every contact status, counted */
  byStatus: Record<TContactStatus, number>;
  /** a person was spoken to: completed, partial, refused, wrong person, or asked not to be called */
  contacted: number;
  /** contacted / sampled */
  contactRate: number | null;
  /** completed / sampled: the response rate */
  completionRate: number | null;
  /** refused / contacted */
  refusalRate: number | null;
  /** completed / contacted */
  cooperationRate: number | null;
}

function noStatuses(): Record<TContactStatus, number> {
  return { pending: 0, dialing: 0, in_progress: 0, completed: 0, partial: 0, refused: 0, wrong_person: 0, unreachable: 0, dnd: 0, abandoned: 0, cancelled: 0 };
}
const SPOKEN_TO = new Set<TContactStatus>(['completed', 'partial', 'refused', 'wrong_person', 'dnd']);

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function ratesOf(contacts: readonly TResultContact[]): TContactRates {
  const byStatus = noStatuses();
  for (const c of contacts) byStatus[c.status] += 1;
  const contacted = contacts.filter((c) => SPOKEN_TO.has(c.status)).length;
  return {
    sampled: contacts.length,
    byStatus,
    contacted,
    contactRate: ratio(contacted, contacts.length),
    completionRate: ratio(byStatus.completed, contacts.length),
    refusalRate: ratio(byStatus.refused, contacted),
    cooperationRate: ratio(byStatus.completed, contacted),
  };
}

/** contact, completion, refusal and cooperation rates for the campaign and each stratum */
export function contactRates(contacts: readonly TResultContact[]): { total: TContactRates; strata: Record<string, TContactRates> } {
  const byStratum = new Map<string, TResultContact[]>();
  for (const c of contacts) {
    const list = byStratum.get(c.stratum);
    if (list) list.push(c);
    else byStratum.set(c.stratum, [c]);
  }
  const strata: Record<string, TContactRates> = {};
  for (const [stratum, list] of [...byStratum].sort(([a], [b]) => (a < b ? -1 : 1))) strata[stratum] = ratesOf(list);
  return { total: ratesOf(contacts), strata };
}
