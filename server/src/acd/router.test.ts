import { describe, expect, it } from 'vitest';
import type { TQueueDef, TWaitingCall } from './model.js';
import { AcdRouter, RoutingError, type TAgentChange } from './router.js';

const T0 = Date.parse('2026-03-12T05:30:00Z');

function queue(code: string, skills: string[], priority = 0): TQueueDef {
  return { code, id: null, name: code, priority, skills, serviceLevelSec: 20 };
}

function call(id: string, queueCode: string, waitedSec: number, extra: Partial<TWaitingCall> = {}): TWaitingCall {
  return { id, kind: 'call', callId: id, callbackId: null, queue: queueCode, skills: [], priority: 0, caller: '+919876543210', waitingSince: T0 - waitedSec * 1000, ...extra };
}

/** a router with general-hi (hi), food-hi (hi, FOOD, priority 1) and general-cg (cg) */
function setUp() {
  const changes: TAgentChange[] = [];
  const router = new AcdRouter((change) => changes.push(change));
  router.defineQueue(queue('general-hi', ['hi']));
  router.defineQueue(queue('food-hi', ['hi', 'FOOD'], 1));
  router.defineQueue(queue('general-cg', ['cg']));
  const agent = (userId: number, skills: string[]) =>
    router.upsertAgent({ userId, username: `agent${userId}`, displayName: `Agent ${userId}`, skills }, T0 - 3_600_000);
  /** makes the agent ready at T0 - idleSec */
  const readyFor = (userId: number, idleSec: number) => router.choose(userId, 'ready', null, T0 - idleSec * 1000);
  return { router, changes, agent, readyFor };
}

const pairs = (offers: ReturnType<AcdRouter['decide']>) => offers.map((o) => `${o.call.id}→${o.agent.userId}`);

describe('AcdRouter: who gets which call', () => {
  it('gives the longest-waiting call to the longest-idle agent, and reserves the agent', () => {
    const { router, agent, readyFor, changes } = setUp();
    agent(1, ['hi']);
    agent(2, ['hi']);
    readyFor(1, 10);
    readyFor(2, 60);
    router.enqueue(call('newer', 'general-hi', 5));
    router.enqueue(call('older', 'general-hi', 40));

    expect(pairs(router.decide(T0))).toEqual(['older→2', 'newer→1']);
    expect(router.agent(2)).toMatchObject({ state: 'reserved', entryId: 'older', since: T0 });
    expect(router.waitingCount('general-hi')).toBe(0);
    expect(changes.at(-1)).toMatchObject({ previous: 'ready', agent: { userId: 1, state: 'reserved' } });
  });

  it('offers a call only to an agent with every skill it needs, and leaves it waiting otherwise', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi']);
    agent(2, ['cg']);
    readyFor(1, 100);
    readyFor(2, 10);
    router.enqueue(call('food', 'food-hi', 50));
    router.enqueue(call('cg', 'general-cg', 20));
    router.enqueue(call('needs-en', 'general-hi', 90, { skills: ['en'] }));

    // agent 1 speaks Hindi but serves no FOOD calls and no English: nothing for them
    expect(pairs(router.decide(T0))).toEqual(['cg→2']);
    expect(router.agent(1)?.state).toBe('ready');
    expect(router.waiting('food-hi').map((c) => c.id)).toEqual(['food']);

    agent(3, ['hi', 'FOOD']);
    readyFor(3, 1);
    expect(pairs(router.decide(T0))).toEqual(['food→3']);
  });

  it('serves the higher-priority queue first even when the other caller waited longer', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi', 'FOOD']);
    readyFor(1, 30);
    router.enqueue(call('general-long', 'general-hi', 300));
    router.enqueue(call('food-short', 'food-hi', 5));
    expect(pairs(router.decide(T0))).toEqual(['food-short→1']);
  });

  it('serves a call of higher priority within a queue before earlier arrivals', () => {
    const { router, agent, readyFor } = setUp();
    router.enqueue(call('early', 'general-hi', 100));
    router.enqueue(call('urgent', 'general-hi', 1, { priority: 5 }));
    expect(router.position('urgent')).toBe(1);
    expect(router.position('early')).toBe(2);
    agent(1, ['hi']);
    readyFor(1, 1);
    expect(pairs(router.decide(T0))).toEqual(['urgent→1']);
  });

  it('does not let a call nobody can take block the calls behind it in other lanes', () => {
    const { router, agent, readyFor } = setUp();
    router.enqueue(call('needs-en', 'general-hi', 500, { skills: ['en'] }));
    router.enqueue(call('plain', 'general-hi', 10));
    agent(1, ['hi']);
    readyFor(1, 1);
    expect(pairs(router.decide(T0))).toEqual(['plain→1']);
    expect(router.position('needs-en')).toBe(1);
  });

  it('returns nothing when nobody is ready, and never offers to an agent twice', () => {
    const { router, agent, readyFor } = setUp();
    router.enqueue(call('a', 'general-hi', 10));
    router.enqueue(call('b', 'general-hi', 5));
    agent(1, ['hi']);
    expect(router.decide(T0)).toEqual([]);
    readyFor(1, 1);
    expect(pairs(router.decide(T0))).toEqual(['a→1']);
    expect(router.decide(T0)).toEqual([]);
    expect(router.position('b')).toBe(1);
  });
});

describe('AcdRouter: an agent waiting for a call they dialled', () => {
  it('offers them only the call meant for them alone until it comes, ends, or the hold lapses', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi', 'agent:agent1']);
    agent(2, ['hi']);
    readyFor(1, 100);
    router.awaitOwnCall(1, T0 + 45_000);
    router.enqueue(call('inbound', 'general-hi', 30));

    // the longest-idle agent is keeping the line for their own call: the caller goes to the other
    expect(router.awaitingOwnCall(1, T0)).toBe(true);
    expect(pairs(router.decide(T0))).toEqual([]);
    readyFor(2, 1);
    expect(pairs(router.decide(T0))).toEqual(['inbound→2']);

    // the person they dialled answers: put through to them alone, and the hold is over
    router.enqueue(call('inbound-2', 'general-hi', 20));
    router.enqueue(call('own', 'general-hi', 0, { skills: ['agent:agent1'], priority: 5 }));
    expect(pairs(router.decide(T0 + 1000))).toEqual(['own→1']);
    expect(router.awaitingOwnCall(1, T0 + 1000)).toBe(false);
  });

  it('lets them take other calls again once their call ends unanswered or the hold lapses', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi', 'agent:agent1']);
    readyFor(1, 100);
    router.enqueue(call('inbound', 'general-hi', 30));
    router.awaitOwnCall(1, T0 + 45_000);
    expect(pairs(router.decide(T0))).toEqual([]);
    expect(router.releaseOwnCall(1)).toBe(true);
    expect(router.releaseOwnCall(1)).toBe(false);
    expect(pairs(router.decide(T0))).toEqual(['inbound→1']);

    agent(2, ['hi', 'agent:agent2']);
    readyFor(2, 50);
    router.enqueue(call('later', 'general-hi', 10));
    router.awaitOwnCall(2, T0 + 45_000);
    expect(pairs(router.decide(T0 + 44_000))).toEqual([]);
    expect(pairs(router.decide(T0 + 45_000))).toEqual(['later→2']);
  });
});

describe('AcdRouter: offers, calls and wrap-up', () => {
  it('puts a missed offer back at the head of its queue and makes the agent not ready (missed)', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi']);
    readyFor(1, 10);
    router.enqueue(call('first', 'general-hi', 30));
    expect(pairs(router.decide(T0))).toEqual(['first→1']);
    // while it rang, a caller who had waited even longer (a transfer keeps its time) arrived
    router.enqueue(call('second', 'general-hi', 20));
    router.enqueue(call('veteran', 'general-hi', 60));

    const missed = router.miss('first', T0 + 20_000);
    expect(missed).toMatchObject({ state: 'not_ready', reason: 'missed', entryId: null });
    expect(router.waiting('general-hi').map((c) => c.id)).toEqual(['first', 'veteran', 'second']);
    expect(router.position('first')).toBe(1);

    agent(2, ['hi']);
    readyFor(2, 0);
    expect(pairs(router.decide(T0 + 21_000))).toEqual(['first→2']);
  });

  it('keeps an agent’s place among idle agents when an offer is withdrawn (the caller hung up)', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi']);
    agent(2, ['hi']);
    readyFor(1, 100);
    readyFor(2, 50);
    router.enqueue(call('gone', 'general-hi', 5));
    expect(pairs(router.decide(T0))).toEqual(['gone→1']);
    const back = router.withdraw('gone', T0 + 3000, false);
    expect(back).toMatchObject({ state: 'ready', idleSince: T0 - 100_000 });
    expect(router.waitingCount('general-hi')).toBe(0);
    router.enqueue(call('next', 'general-hi', 0));
    expect(pairs(router.decide(T0 + 4000))).toEqual(['next→1']);
  });

  it('takes an accepted call to on_call, then wrap-up, and ready again with a fresh idle time', () => {
    const { router, agent, readyFor, changes } = setUp();
    agent(1, ['hi']);
    agent(2, ['hi']);
    readyFor(1, 100);
    readyFor(2, 50);
    router.enqueue(call('c1', 'general-hi', 5));
    router.decide(T0);
    expect(router.accept('c1', T0 + 2000)).toMatchObject({ state: 'on_call', entryId: 'c1' });
    expect(() => router.choose(1, 'ready', null, T0 + 3000)).toThrow(RoutingError);
    expect(router.endCall(1, T0 + 60_000)).toMatchObject({ state: 'wrap_up', entryId: 'c1' });
    expect(router.choose(1, 'ready', null, T0 + 90_000)).toMatchObject({ state: 'ready', idleSince: T0 + 90_000, entryId: null });
    expect(changes.map((c) => `${c.agent.userId}:${c.previous}>${c.agent.state}`).slice(-4)).toEqual([
      '1:ready>reserved',
      '1:reserved>on_call',
      '1:on_call>wrap_up',
      '1:wrap_up>ready',
    ]);
    // agent 2 has now been idle longest
    router.enqueue(call('c2', 'general-hi', 0));
    expect(pairs(router.decide(T0 + 91_000))).toEqual(['c2→2']);
  });

  it('refuses a chosen change while an offer rings', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi']);
    readyFor(1, 1);
    router.enqueue(call('c', 'general-hi', 1));
    router.decide(T0);
    expect(() => router.choose(1, 'not_ready', 'break', T0)).toThrow(/reserved/);
  });
});

describe('AcdRouter: call-backs and restarts', () => {
  it('places a call-back by the time its caller first joined, ahead of callers who came later', () => {
    const { router, agent, readyFor } = setUp();
    router.enqueue(call('later-1', 'general-hi', 60));
    router.enqueue(call('later-2', 'general-hi', 30));
    const position = router.enqueue({
      id: 'callback:7',
      kind: 'callback',
      callId: null,
      callbackId: 7,
      queue: 'general-hi',
      skills: [],
      priority: 0,
      caller: '+919812345678',
      waitingSince: T0 - 120_000,
    });
    expect(position).toBe(1);
    expect(router.waiting('general-hi').map((c) => c.id)).toEqual(['callback:7', 'later-1', 'later-2']);
    agent(1, ['hi']);
    readyFor(1, 1);
    expect(router.decide(T0)[0]?.call).toMatchObject({ kind: 'callback', callbackId: 7 });
  });

  it('rebuilds from a snapshot to the same state and the same next decisions', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi']);
    agent(2, ['hi', 'FOOD']);
    agent(3, ['cg']);
    readyFor(1, 50);
    router.enqueue(call('offered', 'general-hi', 90));
    router.decide(T0);
    router.enqueue(call('w1', 'general-hi', 40));
    router.enqueue(call('w2', 'food-hi', 10));
    router.enqueue(call('w3', 'general-cg', 70));
    readyFor(3, 5);
    router.choose(2, 'not_ready', 'lunch', T0);

    const copy = AcdRouter.restore(structuredClone(router.snapshot()));
    expect(copy.snapshot()).toEqual(router.snapshot());
    expect(copy.offer('offered')).toEqual({ call: expect.objectContaining({ id: 'offered' }), userId: 1 });
    expect(copy.agent(2)).toMatchObject({ state: 'not_ready', reason: 'lunch' });

    for (const r of [router, copy]) {
      r.choose(2, 'ready', null, T0 + 1000);
      r.miss('offered', T0 + 2000);
    }
    expect(pairs(copy.decide(T0 + 3000))).toEqual(pairs(router.decide(T0 + 3000)));
    expect(pairs(copy.decide(T0 + 3000))).toEqual([]);
  });

  it('refuses a snapshot whose offer has no reserved agent', () => {
    const { router, agent } = setUp();
    agent(1, ['hi']);
    const snapshot = router.snapshot();
    snapshot.offered.push({ call: { ...call('x', 'general-hi', 1), order: T0 }, userId: 1 });
    expect(() => AcdRouter.restore(snapshot)).toThrow(/not reserved/);
  });
});

describe('AcdRouter: queue views', () => {
  it('counts staffing by state among agents who have the queue’s skills', () => {
    const { router, agent, readyFor } = setUp();
    agent(1, ['hi']);
    agent(2, ['hi', 'FOOD']);
    agent(3, ['cg']);
    readyFor(1, 1);
    router.choose(2, 'not_ready', 'break', T0);
    readyFor(3, 1);
    expect(router.staffing('general-hi')).toEqual({ ready: 1, reserved: 0, onCall: 0, wrapUp: 0, notReady: 1 });
    expect(router.staffing('food-hi')).toEqual({ ready: 0, reserved: 0, onCall: 0, wrapUp: 0, notReady: 1 });
    expect(router.serves(3, 'general-cg')).toBe(true);
    expect(router.serves(3, 'general-hi')).toBe(false);
  });

  it('reports the oldest waiting time of a queue and refuses a call queued twice', () => {
    const { router } = setUp();
    router.enqueue(call('a', 'general-hi', 10));
    router.enqueue(call('b', 'general-hi', 70));
    expect(router.oldestWaitingSince('general-hi')).toBe(T0 - 70_000);
    expect(router.oldestWaitingSince('general-cg')).toBeNull();
    expect(() => router.enqueue(call('a', 'general-hi', 1))).toThrow(/already queued/);
    expect(router.remove('a')?.id).toBe('a');
    expect(router.remove('a')).toBeNull();
    expect(() => router.enqueue(call('z', 'nope', 1))).toThrow(/no queue/);
  });
});
