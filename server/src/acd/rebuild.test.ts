import { describe, expect, it } from 'vitest';
import type { TQueueEventRow } from './acd.store.js';
import type { TQueueDef } from './model.js';
import { foldQueueEvents, planRebuild, type TRebuildInput } from './rebuild.js';
import { AcdRouter } from './router.js';

const NOW = Date.parse('2026-03-12T06:00:00Z');
const QUEUES: TQueueDef[] = [{ code: 'general-hi', id: 1, name: 'General (Hindi)', priority: 0, skills: ['hi'], serviceLevelSec: 20 }];
const AGENTS = [
  { userId: 1, username: 'agent1', displayName: 'One', skills: ['hi'] },
  { userId: 2, username: 'agent2', displayName: 'Two', skills: ['hi'] },
  { userId: 3, username: 'agent3', displayName: 'Three', skills: ['hi'] },
];

const ev = (callId: string, type: TQueueEventRow['type'], secondsAgo: number, data: Record<string, unknown>): TQueueEventRow => ({
  callId,
  type,
  at: NOW - secondsAgo * 1000,
  data,
});
const joined = (callId: string, secondsAgo: number) =>
  ev(callId, 'queue.joined', secondsAgo, { queue: 'general-hi', skills: [], priority: 0, caller: '+919876543210', waitingSince: NOW - secondsAgo * 1000 });

function input(over: Partial<TRebuildInput>): TRebuildInput {
  return { now: NOW, queues: QUEUES, agents: AGENTS, lastStates: [], liveCalls: [], queueEvents: [], callbacks: [], ...over };
}

describe('foldQueueEvents', () => {
  it('follows a call from joining through a missed offer to being connected, and ignores malformed events', () => {
    const events = [
      joined('c', 60),
      ev('c', 'queue.offered', 50, { userId: 1, agentLegId: 'leg-1' }),
      ev('c', 'queue.missed', 35, { userId: 1 }),
      ev('c', 'queue.connected', 20, { userId: 'not a number', agentLegId: 'leg-2', queue: 'general-hi' }),
    ];
    expect(foldQueueEvents(events)).toMatchObject({ phase: 'waiting', queue: 'general-hi', waitingSince: NOW - 60_000, agentLegId: null });
    events.push(ev('c', 'queue.connected', 10, { userId: 2, agentLegId: 'leg-2', queue: 'general-hi', kind: 'call' }));
    expect(foldQueueEvents(events)).toMatchObject({ phase: 'connected', userId: 2, agentLegId: 'leg-2', connectedAt: NOW - 10_000 });
    expect(foldQueueEvents([...events, ev('c', 'queue.transferred', 5, { queue: 'food-hi', waitingSince: NOW - 60_000 })])).toMatchObject({
      phase: 'waiting',
      queue: 'food-hi',
      waitingSince: NOW - 60_000,
    });
  });
});

describe('planRebuild', () => {
  it('puts live waiting callers back with their original wait and forgets callers who left', () => {
    const plan = planRebuild(
      input({
        liveCalls: [{ callId: 'waiting', state: 'answered' }],
        queueEvents: [joined('waiting', 90), joined('gone', 120), ev('gone', 'queue.abandoned', 100, {})],
      }),
    );
    expect(plan.snapshot.waiting).toEqual([expect.objectContaining({ id: 'waiting', waitingSince: NOW - 90_000, order: NOW - 90_000 })]);
    expect(AcdRouter.restore(plan.snapshot).position('waiting')).toBe(1);
  });

  it('withdraws an offer that was ringing: its leg is hung up, its caller waits again, the agent is ready', () => {
    const plan = planRebuild(
      input({
        lastStates: [{ userId: 1, state: 'reserved', reason: null, callId: 'c', at: NOW - 5000 }],
        liveCalls: [
          { callId: 'c', state: 'answered' },
          { callId: 'agent-leg', state: 'ringing' },
        ],
        queueEvents: [joined('c', 40), ev('c', 'queue.offered', 5, { userId: 1, agentLegId: 'agent-leg' })],
      }),
    );
    expect(plan.hangUp).toEqual(['agent-leg']);
    expect(plan.snapshot.waiting.map((w) => w.id)).toEqual(['c']);
    expect(plan.snapshot.agents.find((a) => a.userId === 1)).toMatchObject({ state: 'ready', since: NOW });
    expect(plan.corrections).toEqual([{ userId: 1, state: 'ready', reason: null, callId: null }]);
  });

  it('keeps a call whose both legs live connected, and wraps up an agent whose call ended meanwhile', () => {
    const plan = planRebuild(
      input({
        lastStates: [
          { userId: 1, state: 'on_call', reason: null, callId: 'kept', at: NOW - 30_000 },
          { userId: 2, state: 'on_call', reason: null, callId: 'ended', at: NOW - 30_000 },
          { userId: 3, state: 'not_ready', reason: 'lunch', callId: null, at: NOW - 600_000 },
        ],
        liveCalls: [
          { callId: 'kept', state: 'bridged' },
          { callId: 'kept-agent', state: 'bridged' },
        ],
        queueEvents: [joined('kept', 60), ev('kept', 'queue.connected', 30, { userId: 1, agentLegId: 'kept-agent', queue: 'general-hi', kind: 'call' })],
      }),
    );
    expect(plan.connections).toEqual([expect.objectContaining({ userId: 1, callerLegId: 'kept', agentLegId: 'kept-agent', entryId: 'kept' })]);
    const states = Object.fromEntries(plan.snapshot.agents.map((a) => [a.userId, `${a.state}:${a.reason ?? ''}`]));
    expect(states).toEqual({ 1: 'on_call:', 2: 'wrap_up:', 3: 'not_ready:lunch' });
    expect(plan.wrapUps).toEqual([{ userId: 2, callId: 'ended', since: NOW }]);
    expect(plan.corrections).toEqual([{ userId: 2, state: 'wrap_up', reason: null, callId: 'ended' }]);
  });

  it('hangs up a caller whose agent leg is gone', () => {
    const plan = planRebuild(
      input({
        liveCalls: [{ callId: 'orphan', state: 'bridged' }],
        queueEvents: [ev('orphan', 'queue.connected', 30, { userId: 1, agentLegId: 'dead-leg', queue: 'general-hi' })],
      }),
    );
    expect(plan.hangUp).toEqual(['orphan']);
    expect(plan.connections).toEqual([]);
  });

  it('queues open call-backs by the time their callers first joined; one being dialled is pending again', () => {
    const plan = planRebuild(
      input({
        liveCalls: [{ callId: 'live', state: 'answered' }],
        queueEvents: [joined('live', 30)],
        callbacks: [
          { id: 7, phone: '+919812345678', callId: null, queueCode: 'general-hi', status: 'dialing', waitingSince: NOW - 300_000, attempts: 1 },
          { id: 8, phone: '+919812345679', callId: null, queueCode: 'general-hi', status: 'pending', waitingSince: NOW - 10_000, attempts: 0 },
        ],
      }),
    );
    expect(plan.snapshot.waiting.map((w) => w.id)).toEqual(['callback:7', 'live', 'callback:8']);
    expect(plan.callbacksReset).toEqual([7]);
  });

  it('keeps a wrap-up where it was, from its recorded start', () => {
    const plan = planRebuild(input({ lastStates: [{ userId: 3, state: 'wrap_up', reason: null, callId: 'done', at: NOW - 20_000 }] }));
    expect(plan.wrapUps).toEqual([{ userId: 3, callId: 'done', since: NOW - 20_000 }]);
    expect(plan.corrections).toEqual([]);
    expect(plan.snapshot.agents.find((a) => a.userId === 1)).toMatchObject({ state: 'offline' });
  });
});
