import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { simRig } from '../../src/telephony/sim/testing.js';
import { makeAriHarness, type TAriHarness } from '../support/ari-server/harness.js';
import { startTwilioRig, type TTwilioRig } from '../support/twilio/rig.js';
import { findAll, readTwiml } from '../support/twilio/twiml-reader.js';
import { answeredInbound, answeredOutbound, eventOf, only, until } from '../support/twilio/waits.js';
import { EventLog } from './contract.js';

/** Mute and keys on a call, on every adapter: what each provider is asked, checked on its side. */

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

describe('simulator', () => {
  it('mutes a bridged leg (the other side hears nobody, not music) and records mute changes and keys on the leg', async () => {
    const sim = await simRig();
    const caller = await sim.answered();
    const agent = await sim.answered({}, 'agent:agent1');
    await sim.provider.bridge(caller, agent);
    await sim.clock.advance(0);
    expect(sim.network.hears(caller)).toEqual([agent]);

    await sim.provider.mute(agent, true);
    expect(sim.network.leg(agent)).toMatchObject({ muted: true, onHold: false });
    expect(sim.network.hears(caller)).toEqual([]);
    expect(sim.network.hears(agent)).toEqual([caller]);
    await sim.provider.mute(agent, true);
    await sim.provider.sendDtmf(caller, '42#');
    await sim.provider.mute(agent, false);
    expect(sim.network.hears(caller)).toEqual([agent]);
    expect(sim.network.controls(agent).map((c) => (c.kind === 'mute' ? c.muted : c.digits))).toEqual([true, false]);
    expect(sim.network.controls(caller).map((c) => (c.kind === 'dtmf' ? c.digits : c.kind))).toEqual(['42#']);
    // keys sent are heard by the far end, not reported as the caller's own key presses
    expect(sim.of(caller).filter((e) => e.startsWith('call.dtmf'))).toEqual([]);

    for (const digits of ['', '12a', '1'.repeat(33)]) expect((await refusal(sim.provider.sendDtmf(caller, digits))).code).toBe('invalid');
    await sim.provider.hangup(caller);
    await sim.clock.advance(0);
    expect((await refusal(sim.provider.mute(caller, true))).code).toBe('conflict');
    expect(sim.network.leg(agent).muted).toBe(false);
    sim.network.close();
  });
});

describe('Asterisk (ARI)', () => {
  let h: TAriHarness;
  afterEach(async () => {
    await h.provider.stop();
    await h.close();
  });

  it('mutes with POST/DELETE /channels/{id}/mute?direction=in and plays keys with POST /channels/{id}/dtmf', async () => {
    h = await makeAriHarness();
    const log = new EventLog(h.provider);
    await h.provider.start();
    await h.dialIn('+919876543210', '+9118002334455');
    const incoming = await log.waitFor('call.incoming', (e) => e.call.from === '+919876543210');
    const callId = incoming.callId;
    await h.provider.answer(callId);
    await log.waitFor('call.answered', (e) => e.callId === callId);
    const channel = () => h.server.asterisk.channels.get(h.channelOf(callId));

    await h.provider.mute(callId, true);
    // only what the channel sends is muted: it still hears the others
    expect(channel()?.mute).toEqual({ in: true, out: false });
    await h.provider.mute(callId, false);
    expect(channel()?.mute).toEqual({ in: false, out: false });

    await h.provider.sendDtmf(callId, '1*0#');
    expect(channel()?.tones).toEqual(['1*0#']);
    expect((await refusal(h.provider.sendDtmf(callId, '12x'))).code).toBe('invalid');
    expect(channel()?.tones).toEqual(['1*0#']);

    await h.remoteHangup(callId);
    await log.waitFor('call.hangup', (e) => e.callId === callId);
    expect((await refusal(h.provider.mute(callId, true))).code).toBe('not_found');
  });

  it('the fake Asterisk judges the arguments as Asterisk does: a direction it does not know, no DTMF, a channel outside Stasis', async () => {
    h = await makeAriHarness();
    const log = new EventLog(h.provider);
    await h.provider.start();
    await h.dialIn('+919876543211', '+9118002334455');
    const incoming = await log.waitFor('call.incoming', (e) => e.call.from === '+919876543211');
    const id = h.channelOf(incoming.callId);
    const { asterisk } = h.server;
    const { setMute, sendDtmf } = await import('../support/ari-server/world-controls.js');
    expect(() => setMute(asterisk, id, 'sideways', true)).toThrow(/Invalid direction/);
    expect(() => sendDtmf(asterisk, id, null)).toThrow(/DTMF is required/);
    expect(() => sendDtmf(asterisk, 'no-such-channel', '1')).toThrow(/not found/i);
    setMute(asterisk, id, null, true);
    expect(asterisk.channels.get(id)?.mute).toEqual({ in: true, out: true });
  });
});

describe('Twilio', () => {
  let rig: TTwilioRig;
  afterEach(async () => {
    const complaints = rig.fake.complaints();
    await rig.close();
    expect(complaints).toEqual([]);
  });

  it('mutes a bridged agent as a conference participant, and joins a muted leg muted to its next bridge', async () => {
    rig = await startTwilioRig();
    await rig.provider.start();
    const caller = await answeredInbound(rig);
    const agent = await answeredOutbound(rig, randomUUID(), 'agent:agent1');
    const { bridgeId } = await rig.provider.bridge(caller.callId, agent.callId);
    await eventOf(rig, 'call.bridged', (e) => e.callId === agent.callId);
    await eventOf(rig, 'call.bridged', (e) => e.callId === caller.callId);
    const room = rig.fake.rooms.history.find((r) => r.name === bridgeId);

    await rig.provider.mute(agent.callId, true);
    const participantUpdates = rig.fake.rest.requests.filter((r) => r.path.includes('/Participants/'));
    expect(participantUpdates).toHaveLength(1);
    expect(participantUpdates[0]?.path).toBe(`/2010-04-01/Accounts/${rig.accountSid}/Conferences/${room?.sid}/Participants/${agent.sid}.json`);
    expect(participantUpdates[0]?.form).toMatchObject({ Muted: 'true' });
    expect(room?.muteChanges).toEqual([{ callSid: agent.sid, muted: true }]);
    expect(room?.participants.get(agent.sid)?.attrs.muted).toBe('true');

    // a hold ends the room; taken off hold, the agent joins the new room still muted
    await rig.provider.hold(caller.callId);
    await eventOf(rig, 'call.unbridged', (e) => e.callId === agent.callId && e.bridgeId === bridgeId);
    const again = await rig.provider.bridge(caller.callId, agent.callId);
    await eventOf(rig, 'call.bridged', (e) => e.callId === agent.callId && e.bridgeId === again.bridgeId);
    const second = rig.fake.rooms.history.find((r) => r.name === again.bridgeId);
    expect(second?.joins.find((j) => j.callSid === agent.sid)?.attrs.muted).toBe('true');
    expect(second?.joins.find((j) => j.callSid === caller.sid)?.attrs.muted).toBeUndefined();

    await rig.provider.mute(agent.callId, false);
    expect(second?.muteChanges).toEqual([{ callSid: agent.sid, muted: false }]);
    await rig.provider.hangup(caller.callId);
    await rig.provider.hangup(agent.callId);
  });

  it('plays keys with <Play digits> on a call outside a conference, and refuses a bridged one', async () => {
    rig = await startTwilioRig();
    await rig.provider.start();
    const caller = await answeredInbound(rig);
    await rig.provider.sendDtmf(caller.callId, '9*1#');
    await until('the tones to be played', () => rig.fake.get(caller.sid).tones.length > 0);
    expect(rig.fake.get(caller.sid).tones).toEqual(['9*1#']);
    const plays = rig.fake.get(caller.sid).documents.flatMap((twiml) => findAll(readTwiml(twiml), 'Play'));
    expect(plays.map((p) => p.attrs)).toEqual([{ digits: '9*1#' }]);
    expect((await refusal(rig.provider.sendDtmf(caller.callId, '1234a'))).code).toBe('invalid');

    const agent = await answeredOutbound(rig, randomUUID(), 'agent:agent1');
    await rig.provider.bridge(caller.callId, agent.callId);
    await eventOf(rig, 'call.bridged', (e) => e.callId === caller.callId);
    expect((await refusal(rig.provider.sendDtmf(caller.callId, '1'))).code).toBe('conflict');
    expect(only(readTwiml(rig.fake.get(caller.sid).documents.at(-1) ?? ''), 'Conference').text).toBeTruthy();
    await rig.provider.hangup(caller.callId);
    await rig.provider.hangup(agent.callId);
  });
});
