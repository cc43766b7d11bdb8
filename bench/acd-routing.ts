import { performance } from 'node:perf_hooks';
import type { TQueueDef, TWaitingCall } from '../server/src/acd/model.js';
import { AcdRouter } from '../server/src/acd/router.js';
import { SimRandom } from '../server/src/telephony/sim/random.js';
import { percentile, round } from './lib.js';

const LANGUAGES = ['hi', 'cg', 'en'] as const;
const DEPARTMENTS = ['FOOD', 'PRD'] as const;

/** the seed's shape: general, FOOD and PRD queues in three languages, departments served first */
function queues(): TQueueDef[] {
  const defs: TQueueDef[] = [];
  for (const [prefix, department, priority] of [
    ['general', null, 0],
    ['food', 'FOOD', 1],
    ['prd', 'PRD', 1],
  ] as const) {
    for (const language of LANGUAGES) {
      defs.push({ code: `${prefix}-${language}`, id: null, name: prefix, priority, skills: department ? [language, department] : [language], serviceLevelSec: 20 });
    }
  }
  return defs;
}

const stats = (values: number[], digits = 4) => ({
  p50: round(percentile(values, 50), digits),
  p99: round(percentile(values, 99), digits),
  max: round(Math.max(...values), digits),
});

export interface TAcdRoutingOptions {
  agents?: number;
  waiting?: number;
  rounds?: number;
  seed?: number;
}

/**
 * The routing decision alone, in memory: 300 agents with mixed languages and departments, 1,000
 * callers waiting across the nine queues (kept at 1,000: every caller taken is replaced), and
 * bursts of 1–30 agents becoming ready at once (a shift starting, a wave of wrap-ups ending).
 * Each burst is followed by one `decide()`, timed; the worst case (every agent ready at once
 * against the full queue) is timed separately.
 */
export function benchAcdRouting(options: TAcdRoutingOptions = {}) {
  const agents = options.agents ?? 300;
  const waitingTarget = options.waiting ?? 1000;
  const rounds = options.rounds ?? 2000;
  // the first rounds warm the JIT up and are not counted
  const warmup = 200;
  const random = new SimRandom(options.seed ?? 1, 'acd-bench');
  const defs = queues();
  let now = Date.parse('2026-03-12T05:30:00Z');
  let callSeq = 0;

  const router = new AcdRouter();
  for (const def of defs) router.defineQueue(def);
  for (let id = 1; id <= agents; id += 1) {
    const languages = LANGUAGES.filter(() => random.chance(0.6));
    const skills = [...(languages.length > 0 ? languages : [random.pick(LANGUAGES)]), ...DEPARTMENTS.filter(() => random.chance(0.4))];
    router.upsertAgent({ userId: id, username: `agent${id}`, displayName: `Agent ${id}`, skills }, now);
    router.choose(id, 'not_ready', 'break', now);
  }
  const newCall = (): TWaitingCall => {
    callSeq += 1;
    const queue = random.pick(defs);
    return {
      id: `call-${callSeq}`,
      kind: 'call',
      callId: `call-${callSeq}`,
      callbackId: null,
      queue: queue.code,
      skills: [],
      priority: random.chance(0.05) ? 1 : 0,
      caller: '+919876543210',
      waitingSince: now - random.int(0, 600_000),
    };
  };
  const waitingNow = () => defs.reduce((sum, def) => sum + router.waitingCount(def.code), 0);
  while (waitingNow() < waitingTarget) router.enqueue(newCall());

  const decideMs: number[] = [];
  const burstMs: number[] = [];
  const offersPerBurst: number[] = [];
  const busy = new Set<number>(Array.from({ length: agents }, (_, i) => i + 1));
  for (let roundNo = 0; roundNo < warmup + rounds; roundNo += 1) {
    now += 1000;
    const burst = random.int(1, 30);
    const candidates = [...busy];
    const started = performance.now();
    for (let i = 0; i < burst && candidates.length > 0; i += 1) {
      const [userId] = candidates.splice(random.int(0, candidates.length - 1), 1);
      if (userId === undefined) continue;
      busy.delete(userId);
      router.choose(userId, 'ready', null, now);
    }
    const decided = performance.now();
    const offers = router.decide(now);
    const finished = performance.now();
    if (roundNo >= warmup) {
      decideMs.push(finished - decided);
      burstMs.push(finished - started);
      offersPerBurst.push(offers.length);
    }
    // the calls are taken and handled; their agents are back in the pool for later bursts
    for (const offer of offers) {
      router.accept(offer.call.id, now);
      router.endCall(offer.agent.userId, now);
      busy.add(offer.agent.userId);
      router.enqueue(newCall());
    }
  }

  // the worst case: everybody ready at once against a full queue (five times; the median counts)
  const worstMs: number[] = [];
  let worstOffers = 0;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const worst = new AcdRouter();
    for (const def of defs) worst.defineQueue(def);
    for (const agent of router.agentList()) worst.upsertAgent(agent, now);
    for (let i = 0; i < waitingTarget; i += 1) worst.enqueue(newCall());
    for (const agent of worst.agentList()) worst.choose(agent.userId, 'ready', null, now - agent.userId);
    const started = performance.now();
    worstOffers = worst.decide(now).length;
    worstMs.push(performance.now() - started);
  }

  return {
    agents,
    waiting: waitingTarget,
    queues: defs.length,
    rounds,
    offersPerBurst: { mean: round(offersPerBurst.reduce((a, b) => a + b, 0) / offersPerBurst.length, 1), max: Math.max(...offersPerBurst) },
    decideMs: stats(decideMs),
    burstWithStateChangesMs: stats(burstMs),
    allReadyAtOnce: { offers: worstOffers, medianMs: round(percentile(worstMs, 50), 3), maxMs: round(Math.max(...worstMs), 3) },
    goals: { decideP99Ms: 2 },
  };
}
