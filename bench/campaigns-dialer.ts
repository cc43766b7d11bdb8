import { adaptHardLimitPacer, DEFAULT_CALL_MODEL, predictivePacer, progressivePacer, simulateDialerDay, type TCallModel, type TDialerDayResult, type TPacer } from '@samvad/campaigns';
import { round } from './lib.js';

const STRATEGIES: readonly (() => TPacer)[] = [progressivePacer, adaptHardLimitPacer, predictivePacer];

interface TRow {
  agents: number;
  strategy: string;
  talkMinutesPerAgentHour: number;
  abandonPct: number;
  /** the worst day over the seeds */
  maxAbandonPct: number;
  contactsCompleted: number;
  dials: number;
  idleSecPerCall: number;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function summarise(agents: number, days: readonly TDialerDayResult[]): TRow {
  return {
    agents,
    strategy: days[0]?.strategy ?? '',
    talkMinutesPerAgentHour: round(mean(days.map((d) => d.talkMinutesPerAgentHour)), 1),
    abandonPct: round(mean(days.map((d) => d.abandonPct)), 2),
    maxAbandonPct: round(Math.max(...days.map((d) => d.abandonPct)), 2),
    contactsCompleted: Math.round(mean(days.map((d) => d.connected))),
    dials: Math.round(mean(days.map((d) => d.dials))),
    idleSecPerCall: round(mean(days.map((d) => d.idleSecPerCall)), 1),
  };
}

function grid(agentCounts: readonly number[], hours: number, seeds: readonly number[], call: TCallModel): TRow[] {
  return agentCounts.flatMap((agents) => STRATEGIES.map((make) => summarise(agents, seeds.map((seed) => simulateDialerDay({ agents, hours, seed, call }, make())))));
}

/**
 * Simulated calling days (virtual time, seeded) for progressive, the ADAPT_HARD_LIMIT baseline
 * and predictive pacing: agent talk minutes per hour, abandonment (of calls a person answered)
 * and contacts completed, averaged over the seeds. The goal is checked at 25 agents. The
 * sensitivity rows rerun 25 agents with busy and unreachable numbers signalled within seconds
 * (a network that rejects at once instead of ringing or playing an announcement).
 */
export function benchCampaignDialer(options: { agents?: readonly number[]; hours?: number; seeds?: readonly number[] } = {}) {
  const started = performance.now();
  const agents = options.agents ?? [10, 25, 50];
  const hours = options.hours ?? 12;
  const seeds = options.seeds ?? [1, 2, 3];
  const results = grid(agents, hours, seeds, DEFAULT_CALL_MODEL);
  const at = (strategy: string, n = 25) => results.find((r) => r.agents === n && r.strategy === strategy);
  const progressive = at('progressive');
  const adapt = at('adapt-hard-limit');
  const predictive = at('predictive');
  const goal =
    progressive && adapt && predictive
      ? {
          agents: 25,
          talkRatioToProgressive: round(predictive.talkMinutesPerAgentHour / progressive.talkMinutesPerAgentHour, 3),
          talkRatioTarget: 1.25,
          meetsTalkRatio: predictive.talkMinutesPerAgentHour >= 1.25 * progressive.talkMinutesPerAgentHour,
          abandonWithinCap: predictive.maxAbandonPct <= 3,
          aheadOfAdaptOnTalk: predictive.talkMinutesPerAgentHour > adapt.talkMinutesPerAgentHour,
          aheadOfAdaptOnAbandonment: predictive.abandonPct < adapt.abandonPct,
          /** agent time is talk and wrap-up at best: 180 s of talk per 200 s */
          talkCeilingMinutesPerHour: round((60 * DEFAULT_CALL_MODEL.talk.meanSec) / (DEFAULT_CALL_MODEL.talk.meanSec + DEFAULT_CALL_MODEL.wrapSec), 1),
        }
      : null;
  const fastFailures: TCallModel = { ...DEFAULT_CALL_MODEL, busyAfterSec: [1, 4], unreachableAfterSec: [2, 8] };
  const sensitivity = { fastFailures: grid([25], hours, seeds, fastFailures) };
  return { hours, seeds, callModel: DEFAULT_CALL_MODEL, results, goal, sensitivity, limits: limits(hours, seeds), seconds: round((performance.now() - started) / 1000, 1) };
}

const days = (agents: number, hours: number, seeds: readonly number[], make: () => TPacer, extra: { clairvoyantAgents?: boolean } = {}) =>
  summarise(agents, seeds.map((seed) => simulateDialerDay({ agents, hours, seed, ...extra }, make())));

/**
 * Where the 25-agent figure is held back. Three probes on the same days:
 * - `clairvoyantAgents`: predictive told when every conversation will end. If it gains nothing,
 *   the loss is not in predicting agents.
 * - `abandonmentFrontier`: predictive with the cap lifted and the feedback steered to more
 *   abandonment: how much talk time each extra point of abandoned calls buys.
 * - `scale`: the same pacing at 100 agents. The uncertainty left is whether each dial is
 *   answered by a person and when (a chance per dial, so a count that varies like its mean);
 *   the idle agents needed to absorb it grow more slowly than the floor, so the ratio improves
 *   with size.
 */
function limits(hours: number, seeds: readonly number[]) {
  const steeredTo = (pct: number) => () => predictivePacer({ capPct: 20, targetShareOfCap: pct / 20 });
  return {
    clairvoyantAgents: days(25, hours, seeds, predictivePacer, { clairvoyantAgents: true }),
    abandonmentFrontier: [3, 6, 9].map((pct) => ({ steeredToPct: pct, ...days(25, hours, seeds, steeredTo(pct)) })),
    scale: [progressivePacer, predictivePacer].map((make) => days(100, hours, seeds, make)),
  };
}
