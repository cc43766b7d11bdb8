import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../telephony/sim/clock.js';
import { BoardPublisher } from './acd.outbox.js';
import type { TBoardUpdate } from './acd.schemas.js';
import { AgentPresence } from './presence.js';

describe('AgentPresence', () => {
  it('reports an agent absent once their last console has been gone for the timeout', async () => {
    const clock = new VirtualClock(0);
    const absent: number[] = [];
    const presence = new AgentPresence({ timeoutMs: 10_000, clock, onAbsent: (id) => absent.push(id) });
    presence.connected(7, 'tab-1');
    presence.connected(7, 'tab-2');
    presence.disconnected(7, 'tab-1');
    await clock.advance(60_000);
    expect(absent).toEqual([]);
    presence.disconnected(7, 'tab-2');
    await clock.advance(9_999);
    expect(absent).toEqual([]);
    await clock.advance(1);
    expect(absent).toEqual([7]);
  });

  it('forgives a reconnect within the timeout, and watches an agent who never connected', async () => {
    const clock = new VirtualClock(0);
    const absent: number[] = [];
    const presence = new AgentPresence({ timeoutMs: 5_000, clock, onAbsent: (id) => absent.push(id) });
    presence.connected(1, 'a');
    presence.disconnected(1, 'a');
    await clock.advance(3_000);
    presence.connected(1, 'b');
    presence.expect(2);
    await clock.advance(10_000);
    expect(absent).toEqual([2]);
    expect(presence.isPresent(1)).toBe(true);
  });
});

describe('BoardPublisher', () => {
  it('pushes the first change at once and coalesces the rest into one push per interval', async () => {
    const clock = new VirtualClock(0);
    const sent: { at: number; agents: number[] }[] = [];
    const publisher = new BoardPublisher({
      intervalMs: 250,
      clock,
      build: (changed): TBoardUpdate => ({ at: new Date(clock.now()).toISOString(), full: false, queues: [], agents: changed.map((id) => agentStub(id)) }),
      send: (update) => sent.push({ at: Date.parse(update.at), agents: update.agents.map((a) => a.userId) }),
    });
    publisher.touch(1);
    await Promise.resolve();
    expect(sent).toEqual([{ at: 0, agents: [1] }]);
    await clock.advance(50);
    publisher.touch(2);
    publisher.touch(3);
    await clock.advance(100);
    publisher.touch(2);
    expect(sent).toHaveLength(1);
    await clock.advance(100);
    expect(sent).toEqual([
      { at: 0, agents: [1] },
      { at: 250, agents: [2, 3] },
    ]);
    await clock.advance(1000);
    expect(sent).toHaveLength(2);
  });
});

function agentStub(userId: number) {
  return { userId, username: `a${userId}`, displayName: '', skills: [], state: 'ready' as const, reason: null, since: '', callId: null, queue: null, present: true };
}
