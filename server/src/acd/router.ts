import { Lane, compareEntries, type TLaneEntry } from './lane.js';
import { personalSkill, type TAgentProfile, type TAgentState, type TAgentStatus, type TPlacedCall, type TQueueDef, type TWaitingCall } from './model.js';
import { SkillVocabulary, covers, normaliseSkills, type TSkillMask } from './skills.js';
import { canChoose, isStaffing, type TChosenState } from './transitions.js';

interface TAgentRecord extends TAgentStatus {
  mask: TSkillMask;
}

interface TQueueRecord {
  def: TQueueDef;
  mask: TSkillMask;
  lanes: Lane[];
}

/** a call to offer now, and the agent to offer it to (already reserved) */
export interface TOffer {
  call: TPlacedCall;
  agent: TAgentStatus;
}

export interface TAgentChange {
  agent: TAgentStatus;
  previous: TAgentState;
}

/** everything the router knows, as plain data: what a restart rebuilds it from */
export interface TRouterSnapshot {
  queues: TQueueDef[];
  agents: TAgentStatus[];
  waiting: TPlacedCall[];
  offered: { call: TPlacedCall; userId: number }[];
}

export interface TStaffing {
  ready: number;
  reserved: number;
  onCall: number;
  wrapUp: number;
  notReady: number;
}

export class RoutingError extends Error {
  override readonly name = 'RoutingError';
}

function statusOf(record: TAgentRecord): TAgentStatus {
  const { mask: _mask, ...status } = record;
  return { ...status, skills: [...status.skills] };
}

function placed(entry: TLaneEntry): TPlacedCall {
  const { seq: _seq, ...call } = entry;
  return call;
}

/**
 * The routing core: queues of waiting calls, agents with their skills, states and idle time, and
 * `decide()`, which pairs calls with agents. Highest queue priority first, then the call's own
 * priority, then the longest wait; each goes to the longest-idle ready agent with every skill it
 * needs. Pure and synchronous: no I/O, no timers, time passed in. The runtime around it owns
 * telephony, the database and the clock, and tells it what happened.
 */
export class AcdRouter {
  private readonly vocabulary = new SkillVocabulary();
  private readonly queues = new Map<string, TQueueRecord>();
  private readonly lanes = new Map<string, Lane>();
  /** the same lanes as a list, for the decision loop */
  private laneList: Lane[] = [];
  private readonly laneOf = new Map<string, Lane>();
  private readonly offered = new Map<string, { call: TLaneEntry; userId: number }>();
  private readonly agents = new Map<number, TAgentRecord>();
  /** ready agents, longest idle first */
  private readonly ready: TAgentRecord[] = [];
  /**
   * agents waiting for a call they dialled themselves (a preview campaign contact), until when:
   * meanwhile only a call for them alone (their personal skill) is offered to them
   */
  private readonly awaiting = new Map<number, { until: number; personal: TSkillMask }>();
  private seq = 0;

  constructor(private readonly onAgentChange: (change: TAgentChange) => void = () => undefined) {}

  static restore(snapshot: TRouterSnapshot, onAgentChange?: (change: TAgentChange) => void): AcdRouter {
    const router = new AcdRouter(onAgentChange);
    for (const queue of snapshot.queues) router.defineQueue(queue);
    for (const agent of snapshot.agents) router.restoreAgent(agent);
    for (const call of snapshot.waiting) router.place(call, call.order);
    for (const { call, userId } of snapshot.offered) {
      const agent = router.agents.get(userId);
      if (!agent || agent.state !== 'reserved' || agent.entryId !== call.id) {
        throw new RoutingError(`snapshot: call ${call.id} is offered to agent ${userId}, who is not reserved for it`);
      }
      router.offered.set(call.id, { call: { ...call, seq: router.seq++ }, userId });
    }
    return router;
  }

  snapshot(): TRouterSnapshot {
    return {
      queues: [...this.queues.values()].map((q) => ({ ...q.def, skills: [...q.def.skills] })),
      agents: [...this.agents.values()].map(statusOf),
      waiting: this.laneList.flatMap((lane) => lane.entries.map(placed)),
      offered: [...this.offered.values()].map(({ call, userId }) => ({ call: placed(call), userId })),
    };
  }

  // ───────────── queues and waiting calls ─────────────

  defineQueue(def: TQueueDef): void {
    const skills = normaliseSkills(def.skills);
    const mask = this.vocabulary.mask(skills);
    const existing = this.queues.get(def.code);
    if (existing) {
      existing.def = { ...def, skills };
      existing.mask = mask;
      for (const lane of existing.lanes) lane.mask = this.vocabulary.mask([...skills, ...lane.extraSkills]);
      return;
    }
    this.queues.set(def.code, { def: { ...def, skills }, mask, lanes: [] });
  }

  queue(code: string): TQueueDef | undefined {
    return this.queues.get(code)?.def;
  }

  queueList(): TQueueDef[] {
    return [...this.queues.values()].map((q) => q.def);
  }

  /** joins the queue in order of arrival (`arrival`) or ahead of everyone of its priority (`head`) */
  enqueue(call: TWaitingCall, where: 'arrival' | 'head' = 'arrival'): number {
    if (this.laneOf.has(call.id) || this.offered.has(call.id)) throw new RoutingError(`call ${call.id} is already queued`);
    const lane = this.laneFor(call.queue, call.skills);
    const first = lane.head;
    const order = where === 'head' && first ? Math.min(call.waitingSince, first.order - 1) : call.waitingSince;
    return this.place(call, order);
  }

  /** takes a waiting call out of its queue (the caller hung up, or went back to the IVR) */
  remove(id: string): TPlacedCall | null {
    const lane = this.laneOf.get(id);
    if (!lane) return null;
    this.laneOf.delete(id);
    const entry = lane.remove(id);
    return entry ? placed(entry) : null;
  }

  waitingCall(id: string): TPlacedCall | null {
    const lane = this.laneOf.get(id);
    const entry = lane?.entries.find((e) => e.id === id);
    return entry ? placed(entry) : null;
  }

  /** 1 is next in its queue; null when the call is not waiting */
  position(id: string): number | null {
    const lane = this.laneOf.get(id);
    const entry = lane?.entries.find((e) => e.id === id);
    if (!lane || !entry) return null;
    let ahead = 0;
    for (const other of this.queues.get(lane.queue)?.lanes ?? []) ahead += other.ahead(entry);
    return ahead + 1;
  }

  /** the calls waiting in a queue, in the order they will be served */
  waiting(queue: string): TPlacedCall[] {
    const lanes = this.queues.get(queue)?.lanes ?? [];
    return lanes
      .flatMap((lane) => lane.entries)
      .sort(compareEntries)
      .map(placed);
  }

  waitingCount(queue: string): number {
    let count = 0;
    for (const lane of this.queues.get(queue)?.lanes ?? []) count += lane.entries.length;
    return count;
  }

  /** epoch ms the longest-waiting caller of the queue joined; null when nobody waits */
  oldestWaitingSince(queue: string): number | null {
    let oldest: number | null = null;
    for (const lane of this.queues.get(queue)?.lanes ?? []) {
      for (const entry of lane.entries) if (oldest === null || entry.waitingSince < oldest) oldest = entry.waitingSince;
    }
    return oldest;
  }

  offer(id: string): { call: TPlacedCall; userId: number } | null {
    const offer = this.offered.get(id);
    return offer ? { call: placed(offer.call), userId: offer.userId } : null;
  }

  // ───────────── agents ─────────────

  /** adds an agent (offline) or updates their name and skills */
  upsertAgent(profile: TAgentProfile, now: number): TAgentStatus {
    const skills = normaliseSkills(profile.skills);
    const existing = this.agents.get(profile.userId);
    if (existing) {
      existing.username = profile.username;
      existing.displayName = profile.displayName;
      existing.skills = skills;
      existing.mask = this.vocabulary.mask(skills);
      return statusOf(existing);
    }
    const record: TAgentRecord = {
      ...profile,
      skills,
      mask: this.vocabulary.mask(skills),
      state: 'offline',
      reason: null,
      since: now,
      idleSince: now,
      entryId: null,
    };
    this.agents.set(record.userId, record);
    return statusOf(record);
  }

  agent(userId: number): TAgentStatus | null {
    const record = this.agents.get(userId);
    return record ? statusOf(record) : null;
  }

  agentList(): TAgentStatus[] {
    return [...this.agents.values()].map(statusOf);
  }

  /** can this agent serve the queue (every skill the queue itself needs)? */
  serves(userId: number, queue: string): boolean {
    const record = this.agents.get(userId);
    const q = this.queues.get(queue);
    return Boolean(record && q && covers(record.mask, q.mask));
  }

  /** signed-in agents who have the queue's skills, by state */
  staffing(queue: string): TStaffing {
    const counts: TStaffing = { ready: 0, reserved: 0, onCall: 0, wrapUp: 0, notReady: 0 };
    const q = this.queues.get(queue);
    if (!q) return counts;
    for (const agent of this.agents.values()) {
      if (!isStaffing(agent.state) || !covers(agent.mask, q.mask)) continue;
      if (agent.state === 'ready') counts.ready += 1;
      else if (agent.state === 'reserved') counts.reserved += 1;
      else if (agent.state === 'on_call') counts.onCall += 1;
      else if (agent.state === 'wrap_up') counts.wrapUp += 1;
      else counts.notReady += 1;
    }
    return counts;
  }

  /**
   * A change the agent chooses: ready, not ready (with a reason), offline. Refused while an
   * offer rings or a call is up; the runtime withdraws an offer first when it must.
   */
  choose(userId: number, state: TChosenState, reason: string | null, now: number): TAgentStatus {
    const agent = this.mustAgent(userId);
    if (!canChoose(agent.state, state)) throw new RoutingError(`an agent who is ${agent.state} cannot become ${state}`);
    const nextReason = state === 'not_ready' ? reason : null;
    if (agent.state === state && agent.reason === nextReason) return statusOf(agent);
    this.transition(agent, state, nextReason, now, null);
    return statusOf(agent);
  }

  // ───────────── routing ─────────────

  /**
   * Pairs waiting calls with ready agents, best call first, and reserves each agent. Returns the
   * offers to make now. Only lane heads compete: a lane's calls all need the same skills, so a
   * lane whose head finds no agent is done for this round.
   */
  decide(now: number): TOffer[] {
    const offers: TOffer[] = [];
    if (this.ready.length === 0) return offers;
    const exhausted = new Set<Lane>();
    while (this.ready.length > 0) {
      let best: Lane | null = null;
      let bestQueuePriority = 0;
      for (const lane of this.laneList) {
        const head = lane.head;
        if (!head || exhausted.has(lane)) continue;
        const priority = this.queues.get(lane.queue)?.def.priority ?? 0;
        if (best === null) {
          best = lane;
          bestQueuePriority = priority;
          continue;
        }
        const bestHead = best.head;
        if (!bestHead) continue;
        if (priority > bestQueuePriority || (priority === bestQueuePriority && compareEntries(head, bestHead) < 0)) {
          best = lane;
          bestQueuePriority = priority;
        }
      }
      if (best === null) break;
      const needs = best.mask;
      const agent = this.ready.find((candidate) => covers(candidate.mask, needs) && this.mayOffer(candidate, needs, now));
      if (!agent) {
        exhausted.add(best);
        continue;
      }
      const entry = best.shift();
      if (!entry) break;
      this.awaiting.delete(agent.userId);
      this.laneOf.delete(entry.id);
      this.offered.set(entry.id, { call: entry, userId: agent.userId });
      this.transition(agent, 'reserved', null, now, entry.id);
      offers.push({ call: placed(entry), agent: statusOf(agent) });
    }
    return offers;
  }

  /**
   * The agent dialled a call themselves: until it is answered and put through to them, ends, or
   * `until` passes, no other call is offered to them (it would take the line the answer needs).
   */
  awaitOwnCall(userId: number, until: number): void {
    const agent = this.agents.get(userId);
    if (!agent) throw new RoutingError(`agent ${userId} is not known`);
    this.awaiting.set(userId, { until, personal: this.vocabulary.mask([personalSkill(agent.username)]) });
  }

  /** the agent's own call ended unanswered, or was never placed: they may be offered anything again */
  releaseOwnCall(userId: number): boolean {
    return this.awaiting.delete(userId);
  }

  awaitingOwnCall(userId: number, now: number): boolean {
    const hold = this.awaiting.get(userId);
    return hold !== undefined && hold.until > now;
  }

  private mayOffer(agent: TAgentRecord, needs: TSkillMask, now: number): boolean {
    const hold = this.awaiting.get(agent.userId);
    if (!hold) return true;
    if (hold.until <= now) {
      this.awaiting.delete(agent.userId);
      return true;
    }
    return covers(needs, hold.personal);
  }

  /** the agent took the offered call */
  accept(id: string, now: number): TAgentStatus {
    const { agent } = this.takeOffer(id);
    this.transition(agent, 'on_call', null, now, id);
    return statusOf(agent);
  }

  /** the offer rang out or was refused: the call goes back to the head of its queue, the agent is not ready */
  miss(id: string, now: number, reason: string = 'missed'): TAgentStatus {
    const { call, agent } = this.takeOffer(id);
    this.enqueue(placed(call), 'head');
    this.transition(agent, 'not_ready', reason, now, null);
    return statusOf(agent);
  }

  /**
   * The offer ends through no fault of the agent (the caller hung up, a restart): the agent is
   * ready again without losing their place among idle agents. With `requeue`, the call goes back
   * to the head of its queue.
   */
  withdraw(id: string, now: number, requeue: boolean): TAgentStatus {
    const { call, agent } = this.takeOffer(id);
    if (requeue) this.enqueue(placed(call), 'head');
    this.transition(agent, 'ready', null, now, null, true);
    return statusOf(agent);
  }

  /** the call the agent was on ended: wrap-up begins */
  endCall(userId: number, now: number): TAgentStatus {
    const agent = this.mustAgent(userId);
    if (agent.state !== 'on_call') throw new RoutingError(`agent ${userId} is ${agent.state}, not on a call`);
    this.transition(agent, 'wrap_up', null, now, agent.entryId);
    return statusOf(agent);
  }

  // ───────────── internals ─────────────

  private takeOffer(id: string): { call: TLaneEntry; agent: TAgentRecord } {
    const offer = this.offered.get(id);
    if (!offer) throw new RoutingError(`call ${id} is not being offered`);
    const agent = this.mustAgent(offer.userId);
    this.offered.delete(id);
    return { call: offer.call, agent };
  }

  private mustAgent(userId: number): TAgentRecord {
    const agent = this.agents.get(userId);
    if (!agent) throw new RoutingError(`no agent ${userId}`);
    return agent;
  }

  private place(call: TWaitingCall, order: number): number {
    const lane = this.laneFor(call.queue, call.skills);
    const entry: TLaneEntry = { ...call, skills: normaliseSkills(call.skills), order, seq: this.seq++ };
    lane.insert(entry);
    this.laneOf.set(entry.id, lane);
    return this.position(entry.id) ?? 1;
  }

  private laneFor(queue: string, skills: readonly string[]): Lane {
    const q = this.queues.get(queue);
    if (!q) throw new RoutingError(`no queue ${queue}`);
    const extra = normaliseSkills(skills).filter((s) => !q.def.skills.includes(s));
    const key = `${queue}\u0000${extra.join('\u0000')}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = new Lane(key, queue, extra, this.vocabulary.mask([...q.def.skills, ...extra]));
      this.lanes.set(key, lane);
      this.laneList = [...this.lanes.values()];
      q.lanes.push(lane);
    }
    return lane;
  }

  private restoreAgent(status: TAgentStatus): void {
    const skills = normaliseSkills(status.skills);
    const record: TAgentRecord = { ...status, skills, mask: this.vocabulary.mask(skills) };
    this.agents.set(record.userId, record);
    if (record.state === 'ready') this.insertReady(record);
  }

  private transition(agent: TAgentRecord, state: TAgentState, reason: string | null, now: number, entryId: string | null, keepIdle = false): void {
    const previous = agent.state;
    if (previous === 'ready') this.removeReady(agent);
    agent.state = state;
    agent.reason = reason;
    agent.since = now;
    agent.entryId = entryId;
    if (state === 'ready') {
      if (!keepIdle) agent.idleSince = now;
      this.insertReady(agent);
    }
    this.onAgentChange({ agent: statusOf(agent), previous });
  }

  private insertReady(agent: TAgentRecord): void {
    let lo = 0;
    let hi = this.ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.ready[mid];
      if (other && (other.idleSince < agent.idleSince || (other.idleSince === agent.idleSince && other.userId < agent.userId))) lo = mid + 1;
      else hi = mid;
    }
    this.ready.splice(lo, 0, agent);
  }

  private removeReady(agent: TAgentRecord): void {
    const index = this.ready.indexOf(agent);
    if (index >= 0) this.ready.splice(index, 1);
  }
}
