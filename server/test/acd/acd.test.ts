import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { TAgentView, TBoardUpdate, TOfferView } from '../../src/acd/acd.schemas.js';
import { acdMatrix, type TWho } from './acd-matrix.js';
import { AcdRig, HELPLINE, SkewClock, until } from './rig.js';

// One file on purpose: each scenario runs an ACD that rebuilds from the shared test database
// (every agent's last state), so they take turns rather than run side by side.

let rig: AcdRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function stateRows(r: AcdRig, userId: number): Promise<string[]> {
  const rows = await r.prisma.agentStateEvent.findMany({ where: { userId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  return rows.map((row) => `${row.state}${row.reason ? `:${row.reason}` : ''}`);
}

describe('a caller through the ACD', () => {
  it('queues the caller, offers them to the agent who becomes ready, bridges, wraps up with a disposition', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general', { serviceLevelSec: 30 });
    await r.start();
    await r.realtime();
    const agent = await r.user('agent');
    const supervisor = await r.user('supervisor');

    const agentSocket = await r.socket(agent.token);
    const supervisorSocket = await r.socket(supervisor.token);
    const states: TAgentView[] = [];
    const offers: TOfferView[] = [];
    const boards: TBoardUpdate[] = [];
    agentSocket.on('acd:state', (s) => states.push(s));
    agentSocket.on('acd:offer', (o) => offers.push(o));
    supervisorSocket.on('acd:board', (b) => boards.push(b));
    const connected = new Promise((resolve) => agentSocket.once('acd:call-connected', resolve));
    const ended = new Promise((resolve) => agentSocket.once('acd:call-ended', resolve));

    const { callId, from, place } = await r.caller(queue.code);
    // nobody is signed in: one place, and the default handling time for a wait
    expect(place).toEqual({ position: 1, expectedWaitSec: 240 });
    expect(r.acd.waitingSince(callId)).not.toBeNull();
    expect(r.network.leg(callId).onHold).toBe(true);

    const ready = await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    expect(ready.status).toBe(200);
    await until(() => offers[0], 'the offer on the socket');
    expect(offers[0]).toMatchObject({ callId, caller: from, queue: queue.code, kind: 'call' });
    expect(Date.parse(offers[0]?.ringDeadline ?? '') - Date.now()).toBeGreaterThan(3000);
    expect(r.stateOf(agent.id)).toBe('reserved');
    const agentLeg = offers[0]?.agentLegId ?? '';
    expect(r.network.leg(agentLeg).state).toBe('ringing');

    const accepted = await r.api('post', '/api/acd/me/accept', agent.token);
    expect(accepted.status).toBe(200);
    await connected;
    await until(() => r.network.hears(callId).includes(agentLeg), 'the caller to hear the agent');
    expect(r.stateOf(agent.id)).toBe('on_call');
    expect(r.network.leg(callId).onHold).toBe(false);

    const snapshot = await agentSocket.timeout(2000).emitWithAck('acd:snapshot');
    expect(snapshot.desk?.call).toMatchObject({ callId, agentLegId: agentLeg, held: false });
    const board = await supervisorSocket.timeout(2000).emitWithAck('acd:snapshot');
    expect(board.board?.agents.find((a: TAgentView) => a.userId === agent.id)).toMatchObject({ state: 'on_call', callId, queue: queue.code });

    r.network.remoteHangup(callId);
    await ended;
    await until(() => r.network.leg(agentLeg).state === 'ended', "the agent's leg to end");
    expect(r.stateOf(agent.id)).toBe('wrap_up');

    const leaveEarly = await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    expect(leaveEarly.status).toBe(409);
    expect(leaveEarly.body.error.message).toMatch(/disposition is required/);
    const noDisposition = await r.api('post', '/api/acd/me/wrap-up', agent.token, {});
    expect(noDisposition.status).toBe(400);
    const done = await r.api('post', '/api/acd/me/wrap-up', agent.token, { disposition: 'information given', notes: 'asked about ration card' });
    expect(done.status).toBe(200);
    expect(done.body.agent).toMatchObject({ state: 'ready', callId: null });

    await r.store.flush();
    await r.recorder.flush();
    const row = await r.prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(row).toMatchObject({ queueId: queue.id, agentId: agent.id, disposition: 'information given', notes: 'asked about ration card' });
    expect(await stateRows(r, agent.id)).toEqual(['ready', 'reserved', 'on_call', 'wrap_up', 'ready']);
    const events = await r.prisma.callEvent.findMany({ where: { callId, type: { startsWith: 'queue.' } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['queue.joined', 'queue.offered', 'queue.connected']);
    expect(states.map((s) => s.state)).toEqual(['ready', 'reserved', 'on_call', 'wrap_up', 'ready']);

    const stats = await r.api('get', '/api/acd/board', supervisor.token);
    expect(stats.status).toBe(200);
    expect(stats.body.queues.find((q: { code: string }) => q.code === queue.code)).toMatchObject({
      waiting: 0,
      answeredToday: 1,
      abandonedToday: 0,
      serviceLevelPct: 100,
      agents: { ready: 1, reserved: 0, onCall: 0, wrapUp: 0, notReady: 0 },
    });
    // pushes are coalesced: the supervisors saw the agent taken, and where they ended up
    await until(() => {
      const last = boards.at(-1);
      return last?.queues.find((q) => q.code === queue.code)?.answeredToday === 1 && last.agents.find((a) => a.userId === agent.id)?.state === 'ready';
    }, 'the answered call and the ready agent on the board');
    const pushedStates = boards.flatMap((b) => b.agents.filter((a) => a.userId === agent.id).map((a) => a.state));
    expect(pushedStates.some((state) => state !== 'ready')).toBe(true);
    expect(pushedStates.at(-1)).toBe('ready');
    const pushTimes = boards.map((b) => Date.parse(b.at));
    expect(pushTimes.slice(1).every((t, i) => t - (pushTimes[i] ?? 0) >= 45)).toBe(true);
  });

  it('puts a missed offer back at the head of its queue and makes the agent not ready (missed)', async () => {
    rig = new AcdRig({ ringTimeoutSec: 1 });
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    const slow = await r.user('agent');
    const other = await r.user('agent');
    await r.api('post', '/api/acd/me/state', slow.token, { state: 'ready' });
    const first = await r.caller(queue.code);
    await until(() => r.stateOf(slow.id) === 'reserved', 'the offer');
    const second = await r.caller(queue.code);

    await until(() => r.stateOf(slow.id) === 'not_ready:missed', 'the offer to ring out', 4000);
    expect(r.acd.waiting(queue.code).map((c) => c.id)).toEqual([first.callId, second.callId]);

    await r.api('post', '/api/acd/me/state', other.token, { state: 'ready' });
    await until(() => r.stateOf(other.id) === 'reserved', 'the offer to the other agent');
    const desk = await r.api('get', '/api/acd/me', other.token);
    expect(desk.body.offer).toMatchObject({ callId: first.callId });
    await r.store.flush();
    expect(await stateRows(r, slow.id)).toEqual(['ready', 'reserved', 'not_ready:missed']);
  });

  it('serves the higher-priority queue first and only offers calls to agents with their skills', async () => {
    rig = new AcdRig();
    const r = rig;
    const low = await r.queue('low', { priority: 0 });
    const high = await r.queue('high', { priority: 2 });
    await r.start();
    const oldLow = await r.caller(low.code);
    const special = await r.caller(low.code, { skills: [`${r.tag}-x`] });
    const newHigh = await r.caller(high.code);
    expect(special.place.position).toBe(2);

    const a = await r.user('agent');
    await r.api('post', '/api/acd/me/state', a.token, { state: 'ready' });
    await until(() => r.stateOf(a.id) === 'reserved', 'the first offer');
    expect((await r.api('get', '/api/acd/me', a.token)).body.offer.callId).toBe(newHigh.callId);

    const b = await r.user('agent');
    await r.api('post', '/api/acd/me/state', b.token, { state: 'ready' });
    await until(() => r.stateOf(b.id) === 'reserved', 'the second offer');
    expect((await r.api('get', '/api/acd/me', b.token)).body.offer.callId).toBe(oldLow.callId);

    // the caller who needs the extra skill waits for an agent who has it
    const plain = await r.user('agent');
    await r.api('post', '/api/acd/me/state', plain.token, { state: 'ready' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.stateOf(plain.id)).toBe('ready');
    const skilled = await r.user('agent', [`${r.tag}-x`]);
    await r.api('post', '/api/acd/me/state', skilled.token, { state: 'ready' });
    await until(() => r.stateOf(skilled.id) === 'reserved', 'the skilled offer');
    expect((await r.api('get', '/api/acd/me', skilled.token)).body.offer.callId).toBe(special.callId);
  });

  it('keeps the place of a caller the IVR hands over again, and their wait when it moves them to another queue', async () => {
    rig = new AcdRig();
    const r = rig;
    const first = await r.queue('first');
    const second = await r.queue('second');
    await r.start();
    const early = await r.caller(first.code);
    const since = r.acd.waitingSince(early.callId);
    await r.caller(first.code);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await r.acd.enqueue({ callId: early.callId, caller: early.from }, { queue: first.code, skills: [], priority: 0 });
    expect(again.position).toBe(1);
    expect(r.acd.waitingSince(early.callId)).toBe(since);
    const moved = await r.acd.enqueue({ callId: early.callId, caller: early.from }, { queue: second.code, skills: [], priority: 0 });
    expect(moved.position).toBe(1);
    expect(r.acd.waiting(first.code)).toHaveLength(1);
    expect(r.acd.waitingSince(early.callId)).toBe(since);
  });

  it('counts a caller who hangs up while waiting as abandoned, and one who hangs up while ringing an agent', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    const waiting = await r.caller(queue.code);
    r.network.remoteHangup(waiting.callId);
    await until(() => r.acd.waiting(queue.code).length === 0, 'the caller to leave');

    const agent = await r.user('agent');
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    const ringing = await r.caller(queue.code);
    await until(() => r.stateOf(agent.id) === 'reserved', 'the offer');
    const agentLeg = (await r.api('get', '/api/acd/me', agent.token)).body.offer.agentLegId;
    r.network.remoteHangup(ringing.callId);
    await until(() => r.stateOf(agent.id) === 'ready', 'the agent to be ready again');
    await until(() => r.network.leg(agentLeg).state === 'ended', "the agent's leg to stop ringing");

    await until(async () => (await r.acd.boardNow()).queues.find((q) => q.code === queue.code)?.abandonedToday === 2, 'two abandoned');
    await r.store.flush();
    const abandoned = await r.prisma.callEvent.count({ where: { callId: { in: [waiting.callId, ringing.callId] }, type: 'queue.abandoned' } });
    expect(abandoned).toBe(2);
  });

  it('keeps an agent who dialled a contact themself for that call: no caller is offered to them until it ends unanswered', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    const agent = await r.user('agent');
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });

    // the agent dials a contact whose phone rings on
    const own = { callId: randomUUID(), to: '+919812345678' };
    r.network.setScript(own.to, { pickup: { kind: 'no_answer' } });
    const hold = r.acd.awaitOwnCall(agent.id, 45);
    await r.telephony.originate({ callId: own.callId, to: own.to, callerId: HELPLINE, timeoutSec: 30 });
    hold.placed(own.callId);
    const caller = await r.caller(queue.code);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.stateOf(agent.id)).toBe('ready');
    expect(r.acd.waiting(queue.code).map((c) => c.id)).toEqual([caller.callId]);

    // nobody picks up: the line is the agent's to give again, and the waiting caller gets it
    await r.telephony.provider.hangup(own.callId);
    await until(() => r.stateOf(agent.id) === 'reserved', 'the offer once the own call ended');
    expect((await r.api('get', '/api/acd/me', agent.token)).body.offer.callId).toBe(caller.callId);
  });

  it('holds, takes off hold, transfers to another queue keeping the wait, and hangs up from the agent side', async () => {
    rig = new AcdRig();
    const r = rig;
    const first = await r.queue('first');
    const second = await r.queue('second');
    await r.start();
    const agent = await r.user('agent');
    const caller = await r.caller(first.code);
    const waitedSince = r.acd.waitingSince(caller.callId);
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    await until(() => r.stateOf(agent.id) === 'reserved', 'the offer');
    await r.api('post', '/api/acd/me/accept', agent.token);
    await until(() => r.stateOf(agent.id) === 'on_call', 'the call');

    const held = await r.api('post', '/api/acd/me/hold', agent.token);
    expect(held.body.call.held).toBe(true);
    expect(r.network.leg(caller.callId).onHold).toBe(true);
    const back = await r.api('post', '/api/acd/me/unhold', agent.token);
    expect(back.body.call.held).toBe(false);
    const agentLeg = back.body.call.agentLegId;
    expect(r.network.hears(caller.callId)).toContain(agentLeg);

    const moved = await r.api('post', '/api/acd/me/transfer', agent.token, { queue: second.code });
    expect(moved.status).toBe(200);
    expect(moved.body.agent.state).toBe('wrap_up');
    expect(r.acd.waiting(second.code).map((c) => c.id)).toEqual([caller.callId]);
    expect(r.acd.waitingSince(caller.callId)).toBe(waitedSince);
    await until(() => r.network.leg(agentLeg).state === 'ended', "the agent's leg to end");
    expect(r.network.leg(caller.callId).state).toBe('answered');

    await r.api('post', '/api/acd/me/wrap-up', agent.token, { disposition: 'transferred' });
    await until(() => r.stateOf(agent.id) === 'reserved', 'the transferred caller offered again');
    await r.api('post', '/api/acd/me/accept', agent.token);
    await until(() => r.stateOf(agent.id) === 'on_call', 'the second call');
    const hungUp = await r.api('post', '/api/acd/me/hangup', agent.token);
    expect(hungUp.body.agent.state).toBe('wrap_up');
    await until(() => r.network.leg(caller.callId).state === 'ended', 'the caller to be hung up');
    await r.store.flush();
    const row = await r.prisma.call.findUniqueOrThrow({ where: { id: caller.callId } });
    expect(row.queueId).toBe(second.id);
  });

  it('calls back a caller who asked for it, in the place they had in the queue', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    const asker = await r.caller(queue.code);
    const joinedAt = r.acd.waitingSince(asker.callId) ?? '';
    const later = await r.caller(queue.code);
    await r.recorder.flush();
    // what call control writes when the caller presses "call me back"
    const callback = await r.prisma.callback.create({
      data: { phone: asker.from, callId: asker.callId, queueCode: queue.code, waitingSince: new Date(joinedAt), requestedAt: new Date(), dueAt: new Date(Date.now() + 3_600_000) },
    });
    r.network.setScript(asker.from, { pickup: { kind: 'answer', afterSec: 0.2 } });
    r.network.remoteHangup(asker.callId);
    await until(() => r.acd.waiting(queue.code)[0]?.id === `callback:${callback.id}`, 'the call-back to take the caller’s place');
    expect(r.acd.waiting(queue.code).map((c) => c.id)).toEqual([`callback:${callback.id}`, later.callId]);

    const agent = await r.user('agent');
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    await until(() => r.stateOf(agent.id) === 'reserved', 'the call-back offer');
    const desk = await r.api('get', '/api/acd/me', agent.token);
    expect(desk.body.offer).toMatchObject({ kind: 'callback', callbackId: callback.id, caller: asker.from });
    await r.api('post', '/api/acd/me/accept', agent.token);
    const call = await until(async () => {
      const d = await r.api('get', '/api/acd/me', agent.token);
      return d.body.call?.connectedAt ? d.body.call : undefined;
    }, 'the citizen to answer');
    expect(r.network.hears(call.callId)).toContain(call.agentLegId);
    expect(r.network.leg(call.callId).info.to).toBe(asker.from);
    await r.store.flush();
    expect((await r.prisma.callback.findUniqueOrThrow({ where: { id: callback.id } })).status).toBe('completed');
    // the caller who asked was not counted as abandoned
    const abandoned = await r.prisma.callEvent.count({ where: { callId: asker.callId, type: 'queue.abandoned' } });
    expect(abandoned).toBe(0);
  });
});

/** an agent of the rig talking to a caller of `queue` */
async function onCall(r: AcdRig, queueCode: string) {
  const agent = await r.user('agent');
  const caller = await r.caller(queueCode);
  await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
  await until(() => r.stateOf(agent.id) === 'reserved', 'the offer');
  const accepted = await r.api('post', '/api/acd/me/accept', agent.token);
  expect(accepted.status).toBe(200);
  const agentLeg: string = accepted.body.offer?.agentLegId ?? (await r.acd.desk(agent.id)).call?.agentLegId ?? '';
  await until(() => r.network.hears(caller.callId).includes(agentLeg), 'the caller to hear the agent');
  return { agent, caller, agentLeg };
}

describe('call controls on the agent desk', () => {
  it('mutes the agent towards the caller, sends keys on the call, and refuses bad keys and agents not on a call', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    const { agent, caller, agentLeg } = await onCall(r, queue.code);

    const muted = await r.api('post', '/api/acd/me/mute', agent.token);
    expect(muted.status).toBe(200);
    expect(muted.body.call).toMatchObject({ callId: caller.callId, muted: true, held: false });
    // silence from the agent, not music: the caller is still bridged, only the agent's voice is gone
    expect(r.network.leg(agentLeg).muted).toBe(true);
    expect(r.network.leg(caller.callId).onHold).toBe(false);
    expect(r.network.hears(caller.callId)).not.toContain(agentLeg);
    expect(r.network.hears(agentLeg)).toContain(caller.callId);
    // a reload reads it back
    expect((await r.api('get', '/api/acd/me', agent.token)).body.call.muted).toBe(true);
    // muting again changes nothing
    expect((await r.api('post', '/api/acd/me/mute', agent.token)).body.call.muted).toBe(true);

    const keys = await r.api('post', '/api/acd/me/dtmf', agent.token, { digits: '12#' });
    expect(keys.status).toBe(200);
    const more = await r.api('post', '/api/acd/me/dtmf', agent.token, { digits: '*0' });
    expect(more.status).toBe(200);
    expect(r.network.controls(caller.callId).filter((c) => c.kind === 'dtmf').map((c) => (c.kind === 'dtmf' ? c.digits : ''))).toEqual(['12#', '*0']);

    for (const digits of ['12a', '', '1'.repeat(33), '1 2']) {
      const bad = await r.api('post', '/api/acd/me/dtmf', agent.token, { digits });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('body.digits');
    }
    const missing = await r.api('post', '/api/acd/me/dtmf', agent.token, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toContain('body.digits');

    const unmuted = await r.api('post', '/api/acd/me/unmute', agent.token);
    expect(unmuted.body.call.muted).toBe(false);
    expect(r.network.hears(caller.callId)).toContain(agentLeg);
    expect(r.network.controls(agentLeg).map((c) => (c.kind === 'mute' ? `mute ${c.muted}` : c.kind))).toEqual(['mute true', 'mute false']);

    await r.store.flush();
    const events = await r.prisma.callEvent.findMany({ where: { callId: caller.callId, type: { startsWith: 'agent.' } }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['agent.muted', 'agent.dtmf', 'agent.dtmf', 'agent.unmuted']);
    expect(events[1]?.data).toMatchObject({ userId: agent.id, digits: '12#' });

    // not on a call
    const idle = await r.user('agent');
    for (const path of ['/api/acd/me/mute', '/api/acd/me/unmute']) {
      const refused = await r.api('post', path, idle.token);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/not talking to a caller/);
    }
    const noCall = await r.api('post', '/api/acd/me/dtmf', idle.token, { digits: '1' });
    expect(noCall.status).toBe(409);
    // supervisors steer agents, they do not press the agent's keys
    const supervisor = await r.user('supervisor');
    expect((await r.api('post', '/api/acd/me/dtmf', supervisor.token, { digits: '1' })).status).toBe(403);
  });

  it('books a call-back in wrap-up: refused in the past or beyond 30 days, stored at its time, placed when due after a restart', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    const clock = new SkewClock();
    try {
      // hours pass on this clock: presence (no console socket here) must not time the agent out
      const lasting = { presenceTimeoutSec: 40 * 86_400 };
      const first = await r.start(lasting, clock);
      const { agent, caller } = await onCall(r, queue.code);
      await r.api('post', '/api/acd/me/hangup', agent.token);
      expect(r.stateOf(agent.id)).toBe('wrap_up');

      const wrapUp = (callback: object) => r.api('post', '/api/acd/me/wrap-up', agent.token, { disposition: 'callback promised', callback });
      const fieldsOf = (body: { error: { fields?: { field: string }[] } }) => (body.error.fields ?? []).map((f) => f.field);
      const past = await wrapUp({ at: new Date(clock.now() - 60_000).toISOString() });
      expect(past.status).toBe(400);
      expect(fieldsOf(past.body)).toEqual(['body.callback.at']);
      expect(past.body.error.message).toMatch(/future/);
      const far = await wrapUp({ at: new Date(clock.now() + 31 * 86_400_000).toISOString() });
      expect(far.status).toBe(400);
      expect(far.body.error.message).toMatch(/within 30 days/);
      const garbled = await wrapUp({ at: 'tomorrow at ten' });
      expect(garbled.status).toBe(400);
      expect(fieldsOf(garbled.body)).toEqual(['body.callback.at']);
      const noOffset = await wrapUp({ at: '2026-12-08T10:30:00' });
      expect(noOffset.status).toBe(400);
      // nothing was written by the refusals: still in wrap-up, no call-back
      expect(r.stateOf(agent.id)).toBe('wrap_up');
      expect(await r.prisma.callback.count({ where: { callId: caller.callId } })).toBe(0);

      // two hours ahead, written on India's clock as the console sends it
      const due = clock.now() + 2 * 3_600_000;
      const atIndia = `${new Date(due + 330 * 60_000).toISOString().slice(0, 19)}+05:30`;
      const booked = await wrapUp({ at: atIndia, note: 'check whether the ration reached' });
      expect(booked.status).toBe(200);
      expect(booked.body.agent.state).toBe('ready');
      const row = await r.prisma.callback.findFirstOrThrow({ where: { callId: caller.callId } });
      const dueSecond = Math.floor(due / 1000) * 1000;
      expect(row).toMatchObject({ phone: caller.from, queueCode: queue.code, status: 'pending', attempts: 0 });
      expect(row.waitingSince.getTime()).toBe(dueSecond);
      expect(row.dueAt.getTime()).toBe(dueSecond);
      await r.store.flush();
      const event = await r.prisma.callEvent.findFirstOrThrow({ where: { callId: caller.callId, type: 'agent.callback_scheduled' } });
      expect(event.data).toMatchObject({ callbackId: row.id, note: 'check whether the ration reached', userId: agent.id });

      // not yet due: the ready agent is not offered it
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(first.waiting(queue.code)).toEqual([]);
      expect(r.stateOf(agent.id)).toBe('ready');

      // the server restarts; the new process learns the booking from the database
      await first.stop();
      const second = await r.start(lasting, clock);
      expect(second.waiting(queue.code)).toEqual([]);
      clock.advance(60 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(second.waiting(queue.code)).toEqual([]);
      expect(r.stateOf(agent.id)).toBe('ready');

      r.network.setScript(caller.from, { pickup: { kind: 'answer', afterSec: 0.2 } });
      clock.advance(61 * 60_000);
      await until(() => r.stateOf(agent.id) === 'reserved', 'the call-back offered when due');
      const desk = await r.api('get', '/api/acd/me', agent.token);
      expect(desk.body.offer).toMatchObject({ kind: 'callback', callbackId: row.id, caller: caller.from, queue: queue.code });
      await r.api('post', '/api/acd/me/accept', agent.token);
      const call = await until(async () => {
        const d = await r.api('get', '/api/acd/me', agent.token);
        return d.body.call?.connectedAt ? d.body.call : undefined;
      }, 'the citizen to answer the call-back');
      expect(r.network.leg(call.callId).info.to).toBe(caller.from);
      expect(r.network.hears(call.callId)).toContain(call.agentLegId);
      await r.store.flush();
      expect((await r.prisma.callback.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('completed');
    } finally {
      clock.close();
    }
  });
});

describe('after a restart', () => {
  it('rebuilds waiting callers (their place kept) and calls in progress from the database and the live calls', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    const first = await r.start();
    const agent = await r.user('agent');
    const talking = await r.caller(queue.code);
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    await until(() => r.stateOf(agent.id) === 'reserved', 'the offer');
    await r.api('post', '/api/acd/me/accept', agent.token);
    await until(() => r.stateOf(agent.id) === 'on_call', 'the call');
    const waiting = await r.caller(queue.code);
    const waitingSince = first.waitingSince(waiting.callId);
    await first.stop();

    const second = await r.start();
    expect(second).not.toBe(first);
    expect(r.stateOf(agent.id)).toBe('on_call');
    expect(second.waiting(queue.code).map((c) => c.id)).toEqual([waiting.callId]);
    expect(second.waitingSince(waiting.callId)).toBe(waitingSince);
    const desk = await r.api('get', '/api/acd/me', agent.token);
    expect(desk.body.call).toMatchObject({ callId: talking.callId });

    r.network.remoteHangup(talking.callId);
    await until(() => r.stateOf(agent.id) === 'wrap_up', 'wrap-up in the new process');
    await r.api('post', '/api/acd/me/wrap-up', agent.token, { disposition: 'resolved' });
    await until(() => r.stateOf(agent.id) === 'reserved', 'the waiting caller offered');
    expect((await r.api('get', '/api/acd/me', agent.token)).body.offer.callId).toBe(waiting.callId);
  });
});

describe('presence', () => {
  it('forgives a console that reconnects within the timeout (a page reload)', async () => {
    rig = new AcdRig({ presenceTimeoutSec: 1 });
    const r = rig;
    await r.start();
    await r.realtime();
    const agent = await r.user('agent');
    const tab = await r.socket(agent.token);
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    tab.disconnect();
    await r.socket(agent.token);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(r.stateOf(agent.id)).toBe('ready');
    expect((await r.api('get', '/api/acd/me', agent.token)).body.agent.present).toBe(true);
  });

  it('makes an agent whose console vanished not ready, so no call is offered to a dead tab', async () => {
    rig = new AcdRig({ presenceTimeoutSec: 1 });
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    await r.realtime();
    const agent = await r.user('agent');
    const tab = await r.socket(agent.token);
    await r.api('post', '/api/acd/me/state', agent.token, { state: 'ready' });
    tab.disconnect();
    await until(() => r.stateOf(agent.id) === 'not_ready:disconnected', 'the presence timeout', 4000);
    await r.caller(queue.code);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.acd.waiting(queue.code)).toHaveLength(1);
    await r.store.flush();
    expect(await stateRows(r, agent.id)).toEqual(['ready', 'not_ready:disconnected']);
  });
});

describe('who may call the ACD routes', () => {
  it('has a rule for every ACD route, and every role gets exactly what its rule says', async () => {
    rig = new AcdRig();
    const r = rig;
    const queue = await r.queue('general');
    await r.start();
    const tokens = new Map<TWho, string>();
    const agent = await r.user('agent');
    tokens.set('agent', agent.token);
    for (const role of ['supervisor', 'officer', 'admin'] as const) tokens.set(role, (await r.user(role)).token);
    const matrix = acdMatrix(agent.id, queue.code, r.tag);

    const routeKeys = r.app.routes.filter((route) => route.path.startsWith('/api/acd')).map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(routeKeys.sort()).toEqual(Object.keys(matrix).sort());
    const documented = Object.keys((await r.api('get', '/api/openapi.json', agent.token)).body.paths);
    expect(documented.filter((p) => p.startsWith('/api/acd'))).toHaveLength(new Set(routeKeys.map((k) => k.split(' ')[1])).size);

    for (const [key, rule] of Object.entries(matrix)) {
      for (const who of ['anonymous', 'agent', 'supervisor', 'officer', 'admin'] as const) {
        const method = key.startsWith('POST') ? 'post' : 'get';
        let req = request(r.app.app)[method](rule.path);
        const token = tokens.get(who);
        if (token) req = req.set('Authorization', `Bearer ${token}`);
        const res = rule.body ? await req.send(rule.body) : await req;
        const outcome = `${key} as ${who}: ${res.status}`;
        if (rule.allowed.includes(who)) {
          expect([401, 403], outcome).not.toContain(res.status);
          expect(res.status, outcome).toBeLessThan(500);
        } else {
          expect(res.status, outcome).toBe(who === 'anonymous' ? 401 : 403);
        }
      }
    }
  });
});
