import { describe, expect, it } from 'vitest';
import { WaitingRoom } from './waiting-room.js';

function room() {
  const held: string[] = [];
  let clock = Date.parse('2026-03-12T05:30:00Z');
  const waitingRoom = new WaitingRoom({
    hold: async (callId) => {
      held.push(callId);
    },
    averageHandlingSec: 200,
    now: () => new Date((clock += 1000)),
  });
  return { waitingRoom, held };
}

const request = (queue: string, priority = 0) => ({ queue, skills: ['hi'], priority });

describe('the waiting room', () => {
  it('holds each caller with music and gives places in order of arrival, per queue', async () => {
    const { waitingRoom, held } = room();
    expect(await waitingRoom.enqueue({ callId: 'a', caller: '+919800000001' }, request('general-hi'))).toEqual({ position: 1, expectedWaitSec: 200 });
    expect(await waitingRoom.enqueue({ callId: 'b', caller: null }, request('general-hi'))).toEqual({ position: 2, expectedWaitSec: 400 });
    expect(await waitingRoom.enqueue({ callId: 'c', caller: null }, request('food-hi'))).toEqual({ position: 1, expectedWaitSec: 200 });
    expect(held).toEqual(['a', 'b', 'c']);
    expect(waitingRoom.waiting('general-hi').map((c) => c.callId)).toEqual(['a', 'b']);
  });

  it('serves a higher priority first and keeps arrival order within a priority', async () => {
    const { waitingRoom } = room();
    await waitingRoom.enqueue({ callId: 'a', caller: null }, request('q'));
    await waitingRoom.enqueue({ callId: 'b', caller: null }, request('q'));
    expect((await waitingRoom.enqueue({ callId: 'urgent', caller: null }, request('q', 5))).position).toBe(1);
    expect((await waitingRoom.enqueue({ callId: 'urgent2', caller: null }, request('q', 5))).position).toBe(2);
    expect(waitingRoom.waiting('q').map((c) => c.callId)).toEqual(['urgent', 'urgent2', 'a', 'b']);
  });

  it('moves everyone up when a caller hangs up, and the ACD takes the first caller out', async () => {
    const { waitingRoom } = room();
    const taken: string[] = [];
    waitingRoom.onTaken((call) => taken.push(call.callId));
    for (const callId of ['a', 'b', 'c']) await waitingRoom.enqueue({ callId, caller: null }, request('q'));
    waitingRoom.leave('b');
    expect(waitingRoom.placeOf('c')).toEqual({ position: 2, expectedWaitSec: 400 });
    const first = waitingRoom.take('q');
    expect(first).toMatchObject({ callId: 'a', queue: 'q', skills: ['hi'], priority: 0 });
    expect(taken).toEqual(['a']);
    expect(waitingRoom.placeOf('c')?.position).toBe(1);
    expect(waitingRoom.placeOf('a')).toBeNull();
    expect(waitingRoom.take('q')?.callId).toBe('c');
    expect(waitingRoom.take('q')).toBeNull();
  });

  it('remembers when a caller joined, for a call-back that keeps their place', async () => {
    const { waitingRoom } = room();
    await waitingRoom.enqueue({ callId: 'a', caller: null }, request('q'));
    expect(waitingRoom.waitingSince('a')).toBe('2026-03-12T05:30:01.000Z');
    expect(waitingRoom.waitingSince('nobody')).toBeNull();
  });
});
