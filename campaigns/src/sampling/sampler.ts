import { indianMobileE164 } from '../shared/india.js';
import { keyedHash53 } from '../shared/random.js';
import { allocate, checkAllocation, quotaBound, type TAllocation } from './allocation.js';
import { EXCLUSION_REASONS, exclusionOf, exclusionRules, noExclusions, type TExclusionCounts } from './exclusions.js';
import { LowestK } from './lowest-k.js';
import type { TEnrolmentRow } from './row.js';
import { createStratifier, type TStratumDimension } from './strata.js';

export interface TSamplingSpec {
  /** the campaign's seed: the same seed and frame give the same sample, in any row order */
  seed: number;
  stratifyBy: readonly TStratumDimension[];
  allocation: TAllocation;
  /** the instant the frame is read: ages, payment recency and contact recency count from it */
  asOf: Date;
  /** rows contacted by any campaign within this many days are left out (default 90) */
  recentContactDays?: number;
  /** lower bounds of the age bands (default 18, 30, 45, 60) */
  ageBands?: readonly number[];
  /** a failed instalment within this many months puts a row in `failed_recent` (default 3) */
  recentFailureMonths?: number;
  /** households already holding a contact in this campaign, for a top-up sample */
  householdsInCampaign?: Iterable<number>;
  /**
   * candidates kept per stratum beyond the largest possible quota, so the household rule can
   * skip rows without losing exactness (default a quarter of the quota, at least 32)
   */
  candidateSlack?: number;
}

export interface TSampledContact {
  enrolmentId: number;
  householdId: number;
  residentId: number;
  /** E.164 */
  phone: string;
  stratum: string;
  /** position in the seeded random order: dial in ascending rank */
  rank: number;
}

export interface TStratumPlan {
  stratum: string;
  /** rows read for the stratum */
  population: number;
  excluded: TExclusionCounts;
  /** rows that passed the per-row rules */
  eligible: number;
  planned: number;
  /** what the draw achieves: eligible rows left after the one-contact-per-household rule, up to the plan */
  achievable: number;
  shortfall: number;
}

export interface TSamplePlan {
  seed: number;
  stratifyBy: TStratumDimension[];
  allocation: TAllocation;
  asOf: string;
  population: number;
  eligible: number;
  planned: number;
  achievable: number;
  excluded: TExclusionCounts;
  strata: TStratumPlan[];
  /**
   * false when a stratum fell short after the household rule skipped more rows than the kept
   * candidates covered: a larger `candidateSlack` would find more. Never false in practice
   * unless households hold many enrolments in the same stratum.
   */
  exact: boolean;
}

export interface TSample {
  plan: TSamplePlan;
  /** lowest rank first */
  contacts: TSampledContact[];
}

interface TCandidate {
  row: TEnrolmentRow;
  phone: string;
}

interface TStratumState {
  key: string;
  population: number;
  eligible: number;
  excluded: TExclusionCounts;
  candidates: LowestK<TCandidate>;
}

export interface TSampler {
  add(row: TEnrolmentRow): void;
  finish(): TSample;
}

/**
 * A streaming stratified sampler. Each eligible row is ranked by a keyed hash of (seed,
 * enrolmentId); each stratum keeps its lowest-ranked candidates in a bounded heap, so memory is
 * O(strata × quota) however long the frame is. At the end the allocation is computed from the
 * eligible counts, and candidates are taken in global rank order, skipping households already
 * taken, until each stratum's quota is met.
 */
export function createSampler(spec: TSamplingSpec): TSampler {
  if (!Number.isInteger(spec.seed)) throw new RangeError('seed must be an integer');
  checkAllocation(spec.allocation);
  const stratifier = createStratifier({ dimensions: spec.stratifyBy, asOf: spec.asOf, ageBands: spec.ageBands, recentFailureMonths: spec.recentFailureMonths });
  const rules = exclusionRules(spec.asOf, spec.recentContactDays, spec.householdsInCampaign);
  const bound = quotaBound(spec.allocation);
  const capacity = bound + (spec.candidateSlack ?? Math.max(32, Math.ceil(bound / 4)));
  const strata = new Map<string, TStratumState>();

  function stratumFor(key: string): TStratumState {
    let state = strata.get(key);
    if (!state) {
      state = { key, population: 0, eligible: 0, excluded: noExclusions(), candidates: new LowestK<TCandidate>(capacity) };
      strata.set(key, state);
    }
    return state;
  }

  return {
    add(row) {
      const state = stratumFor(stratifier.keyOf(row));
      state.population += 1;
      const phone = indianMobileE164(row.mobile);
      const excluded = exclusionOf(row, phone, rules);
      if (excluded !== null || phone === null) {
        state.excluded[excluded ?? 'invalid_mobile'] += 1;
        return;
      }
      state.eligible += 1;
      const rank = keyedHash53(spec.seed, row.enrolmentId);
      if (state.candidates.wouldKeep(rank, row.enrolmentId)) state.candidates.offer({ rank, id: row.enrolmentId, item: { row, phone } });
    },
    finish() {
      const ordered = [...strata.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const planned = allocate(spec.allocation, ordered.map((s) => ({ key: s.key, eligible: s.eligible })));
      const { taken, contacts, skipped } = select(ordered, planned);
      const plans = ordered.map((s): TStratumPlan => {
        const plan = planned.get(s.key) ?? 0;
        const achievable = taken.get(s.key) ?? 0;
        const excluded = { ...s.excluded, household_already_sampled: skipped.get(s.key) ?? 0 };
        return { stratum: s.key, population: s.population, excluded, eligible: s.eligible, planned: plan, achievable, shortfall: plan - achievable };
      });
      // inexact only where a short stratum had eligible rows its bounded candidates did not hold
      const exact = ordered.every((s) => s.eligible <= s.candidates.size || (taken.get(s.key) ?? 0) >= (planned.get(s.key) ?? 0));
      const excluded = noExclusions();
      for (const p of plans) for (const reason of EXCLUSION_REASONS) excluded[reason] += p.excluded[reason];
      const sum = (f: (p: TStratumPlan) => number) => plans.reduce((n, p) => n + f(p), 0);
      return {
        plan: {
          seed: spec.seed,
          stratifyBy: [...stratifier.dimensions],
          allocation: spec.allocation,
          asOf: spec.asOf.toISOString(),
          population: sum((p) => p.population),
          eligible: sum((p) => p.eligible),
          planned: sum((p) => p.planned),
          achievable: sum((p) => p.achievable),
          excluded,
          strata: plans,
          exact,
        },
        contacts,
      };
    },
  };
}

interface TSelection {
  taken: Map<string, number>;
  contacts: TSampledContact[];
  /** candidates passed over because their household was already taken */
  skipped: Map<string, number>;
}

/**
 * Takes candidates in global rank order, each stratum up to its quota, one per household. Each
 * stratum offers its lowest candidates, a few more than its quota; should the household rule
 * use them up, the stratum offers more and the pass starts again (the result depends only on
 * the candidates, so a repeated pass is the same pass with more of them).
 */
function select(strata: readonly TStratumState[], planned: ReadonlyMap<string, number>): TSelection {
  const offered = new Map(strata.map((s) => [s.key, (planned.get(s.key) ?? 0) + 8 + Math.ceil((planned.get(s.key) ?? 0) / 8)]));
  for (;;) {
    const pool = strata.flatMap((s) => s.candidates.lowest(offered.get(s.key) ?? 0).map((c) => ({ rank: c.rank, id: c.id, item: c.item, stratum: s })));
    pool.sort((a, b) => a.rank - b.rank || a.id - b.id);
    const taken = new Map<string, number>();
    const seen = new Map<string, number>();
    const skipped = new Map<string, number>();
    const households = new Set<number>();
    const contacts: TSampledContact[] = [];
    for (const { rank, item, stratum } of pool) {
      const key = stratum.key;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const got = taken.get(key) ?? 0;
      if (got >= (planned.get(key) ?? 0)) continue;
      if (households.has(item.row.householdId)) {
        skipped.set(key, (skipped.get(key) ?? 0) + 1);
        continue;
      }
      households.add(item.row.householdId);
      taken.set(key, got + 1);
      const { enrolmentId, householdId, residentId } = item.row;
      contacts.push({ enrolmentId, householdId, residentId, phone: item.phone, stratum: key, rank });
    }
    // a stratum that is short, used every candidate it offered and holds more: offer twice as many
    const short = strata.filter((s) => (taken.get(s.key) ?? 0) < (planned.get(s.key) ?? 0) && (seen.get(s.key) ?? 0) >= (offered.get(s.key) ?? 0) && s.candidates.size > (offered.get(s.key) ?? 0));
    if (short.length === 0) return { taken, contacts, skipped };
    for (const s of short) offered.set(s.key, 2 * (offered.get(s.key) ?? 0));
  }
}

/** rows one at a time or in batches (a database cursor's pages) */
export type TRowSource = Iterable<TEnrolmentRow> | AsyncIterable<TEnrolmentRow | readonly TEnrolmentRow[]>;

function isBatch(chunk: TEnrolmentRow | readonly TEnrolmentRow[]): chunk is readonly TEnrolmentRow[] {
  return Array.isArray(chunk);
}

/** draws the sample from a frame read once, in bounded memory */
export async function drawSample(rows: TRowSource, spec: TSamplingSpec): Promise<TSample> {
  const sampler = createSampler(spec);
  if (Symbol.asyncIterator in rows) {
    for await (const chunk of rows) {
      if (isBatch(chunk)) for (const row of chunk) sampler.add(row);
      else sampler.add(chunk);
    }
  } else {
    for (const row of rows) sampler.add(row);
  }
  return sampler.finish();
}

/** planned against achievable size per stratum, with every exclusion counted, before the campaign starts */
export async function planSample(rows: TRowSource, spec: TSamplingSpec): Promise<TSamplePlan> {
  return (await drawSample(rows, spec)).plan;
}
