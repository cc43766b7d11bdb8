import type { TAbandonCount } from '../pacing/abandonment.js';
import type { TPacer } from '../pacing/pacers.js';
import { SeededRandom } from '../shared/random.js';
import { DEFAULT_CALL_MODEL, sampleDialFate, sampleTalkSec, type TCallModel, type TDialFate } from './call-model.js';
import { EventQueue } from './event-queue.js';

export interface TDialerDayConfig {
  agents: number;
  hours: number;
  seed: number;
  call?: TCallModel;
  /** the pacer is asked after every event and at least this often */
  tickSec?: number;
  /** abandonment on earlier days of the campaign, for the campaign-wide cap */
  campaignBefore?: TAbandonCount;
  /**
   * An analysis no real dialer can have: the pacer is told when every conversation will end,
   * shown as an agent whose wrap-up ends at the end of talk plus wrap-up. What a pacer gains
   * from it bounds what better knowledge of agents could ever bring.
   */
  clairvoyantAgents?: boolean;
}

export interface TDialerHour {
  hour: number;
  talkMinutesPerAgent: number;
  answered: number;
  abandoned: number;
  abandonPct: number;
}

export interface TDialerDayResult {
  strategy: string;
  agents: number;
  hours: number;
  dials: number;
  /** answered by a person, abandoned ones included */
  answered: number;
  machines: number;
  abandoned: number;
  abandonPct: number;
  /** calls that reached an agent: the contacts a survey could complete */
  connected: number;
  talkMinutesPerAgentHour: number;
  /** shares of agent time */
  talkShare: number;
  idleShare: number;
  /** average wait of an agent between becoming free and the next call */
  idleSecPerCall: number;
  hourly: TDialerHour[];
}

type TEvent =
  | { kind: 'tick' }
  | { kind: 'settle'; callId: number }
  | { kind: 'give_up'; callId: number }
  | { kind: 'talk_end'; agent: number }
  | { kind: 'wrap_end'; agent: number };

interface TAgent {
  state: 'ready' | 'talking' | 'wrapping';
  since: number;
  wrapEndsAt: number;
  talkEndsAt: number;
}

interface TCall {
  dialledAt: number;
  fate: TDialFate;
}

/**
 * One calling day in virtual time: agents, the calls the pacer places, what happens to each
 * (drawn from the call model), and agents talking and wrapping up. Random numbers come from
 * separate seeded streams for dials and for talk times, so two pacers run on the same seed
 * meet the same n-th dial and the same n-th conversation, and differ only by their decisions.
 */
export function simulateDialerDay(config: TDialerDayConfig, pacer: TPacer): TDialerDayResult {
  const model = config.call ?? DEFAULT_CALL_MODEL;
  const daySec = config.hours * 3600;
  const tickSec = config.tickSec ?? 1;
  const clairvoyant = config.clairvoyantAgents ?? false;
  const dialRandom = new SeededRandom(config.seed * 2 + 1);
  const talkRandom = new SeededRandom(config.seed * 2 + 2);
  const queue = new EventQueue<TEvent>();
  const agents: TAgent[] = Array.from({ length: config.agents }, () => ({ state: 'ready', since: 0, wrapEndsAt: 0, talkEndsAt: 0 }));
  const ready: number[] = agents.map((_, i) => i);
  const ringing = new Map<number, TCall>();
  const waiting: { callId: number; since: number }[] = [];
  const before = config.campaignBefore ?? { answered: 0, abandoned: 0 };
  const today = { answered: 0, abandoned: 0 };
  const hourly = Array.from({ length: Math.ceil(config.hours) }, (_, hour) => ({ hour, talkSec: 0, answered: 0, abandoned: 0 }));
  let dials = 0;
  let machines = 0;
  let connected = 0;
  let talkSec = 0;
  let idleSec = 0;
  let talking = 0;
  let nextCallId = 1;

  const hourOf = (t: number) => hourly[Math.min(hourly.length - 1, Math.floor(t / 3600))];
  /** talk time counted into the hours it falls in, cut at the end of the day */
  const addTalk = (from: number, to: number) => {
    for (let t = from; t < Math.min(to, daySec); ) {
      const end = Math.min(to, daySec, (Math.floor(t / 3600) + 1) * 3600);
      const h = hourOf(t);
      if (h) h.talkSec += end - t;
      talkSec += end - t;
      t = end;
    }
  };

  function connect(agentIndex: number, now: number): void {
    const agent = agents[agentIndex];
    if (!agent) return;
    idleSec += now - agent.since;
    agent.state = 'talking';
    agent.since = now;
    talking += 1;
    connected += 1;
    agent.talkEndsAt = now + sampleTalkSec(model, talkRandom);
    queue.push(agent.talkEndsAt, { kind: 'talk_end', agent: agentIndex });
  }

  function dial(now: number): void {
    const fate = sampleDialFate(model, dialRandom);
    const callId = nextCallId;
    nextCallId += 1;
    dials += 1;
    ringing.set(callId, { dialledAt: now, fate });
    queue.push(now + fate.settleAfterSec, { kind: 'settle', callId });
  }

  function decide(now: number): void {
    if (now >= daySec) return;
    const wrapUpRemainingSec: number[] = [];
    const talkElapsedSec: number[] = [];
    for (const agent of agents) {
      if (agent.state === 'wrapping') wrapUpRemainingSec.push(agent.wrapEndsAt - now);
      else if (agent.state === 'talking' && clairvoyant) wrapUpRemainingSec.push(agent.talkEndsAt + model.wrapSec - now);
      else if (agent.state === 'talking') talkElapsedSec.push(now - agent.since);
    }
    const ringingAgesSec: number[] = [];
    for (const call of ringing.values()) ringingAgesSec.push(now - call.dialledAt);
    const n = pacer.decide({
      at: now,
      readyAgents: ready.length,
      talkingAgents: clairvoyant ? 0 : talking,
      talkElapsedSec,
      wrapUpRemainingSec,
      ringingAgesSec,
      callsWaiting: waiting.length,
      abandonment: { today: { ...today }, campaign: { answered: before.answered + today.answered, abandoned: before.abandoned + today.abandoned } },
    });
    for (let i = 0; i < n; i += 1) dial(now);
  }

  function handle(now: number, event: TEvent): void {
    switch (event.kind) {
      case 'tick':
        if (now + tickSec < daySec) queue.push(now + tickSec, { kind: 'tick' });
        return;
      case 'settle': {
        const call = ringing.get(event.callId);
        if (!call) return;
        ringing.delete(event.callId);
        const human = call.fate.kind === 'human';
        pacer.dialSettled({ settledAfterSec: call.fate.settleAfterSec, human });
        if (call.fate.kind === 'machine') machines += 1;
        if (!human) return;
        today.answered += 1;
        const h = hourOf(now);
        if (h) h.answered += 1;
        const agent = ready.shift();
        if (agent !== undefined) {
          pacer.answered(false);
          connect(agent, now);
          return;
        }
        waiting.push({ callId: event.callId, since: now });
        queue.push(now + model.graceSec, { kind: 'give_up', callId: event.callId });
        return;
      }
      case 'give_up': {
        const at = waiting.findIndex((w) => w.callId === event.callId);
        if (at === -1) return;
        waiting.splice(at, 1);
        today.abandoned += 1;
        const h = hourOf(now);
        if (h) h.abandoned += 1;
        pacer.answered(true);
        return;
      }
      case 'talk_end': {
        const agent = agents[event.agent];
        if (!agent) return;
        addTalk(agent.since, now);
        pacer.talkEnded(now - agent.since);
        talking -= 1;
        agent.state = 'wrapping';
        agent.since = now;
        agent.wrapEndsAt = now + model.wrapSec;
        queue.push(agent.wrapEndsAt, { kind: 'wrap_end', agent: event.agent });
        return;
      }
      case 'wrap_end': {
        const agent = agents[event.agent];
        if (!agent) return;
        agent.state = 'ready';
        agent.since = now;
        const next = waiting.shift();
        if (next) {
          pacer.answered(false);
          connect(event.agent, now);
        } else {
          ready.push(event.agent);
        }
        return;
      }
    }
  }

  queue.push(0, { kind: 'tick' });
  for (let item = queue.pop(); item && item.at < daySec; item = queue.pop()) {
    handle(item.at, item.event);
    // decide once the floor has settled at this instant
    if ((queue.peekTime() ?? Infinity) > item.at) decide(item.at);
  }
  for (const agent of agents) {
    if (agent.state === 'talking') addTalk(agent.since, daySec);
    if (agent.state === 'ready') idleSec += daySec - agent.since;
  }

  const agentSec = config.agents * daySec;
  return {
    strategy: pacer.name,
    agents: config.agents,
    hours: config.hours,
    dials,
    answered: today.answered,
    machines,
    abandoned: today.abandoned,
    abandonPct: today.answered === 0 ? 0 : (100 * today.abandoned) / today.answered,
    connected,
    talkMinutesPerAgentHour: talkSec / 60 / config.agents / config.hours,
    talkShare: talkSec / agentSec,
    idleShare: idleSec / agentSec,
    idleSecPerCall: connected === 0 ? 0 : idleSec / connected,
    hourly: hourly.map((h) => ({
      hour: h.hour,
      talkMinutesPerAgent: h.talkSec / 60 / config.agents,
      answered: h.answered,
      abandoned: h.abandoned,
      abandonPct: h.answered === 0 ? 0 : (100 * h.abandoned) / h.answered,
    })),
  };
}
