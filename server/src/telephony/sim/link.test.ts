import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { SimulatedNetwork } from './network.js';
import { SimProvider } from './provider.js';
import { simRig } from './testing.js';

describe('the provider link', () => {
  it('while dropped: the call goes on, events wait with their own times, commands are refused', async () => {
    const rig = await simRig();
    const caller = await rig.answered({ presses: [{ keys: '4', afterSec: 10 }], hangupAfterSec: 20 });
    const answeredAt = rig.clock.now();
    rig.network.dropLink();
    expect(rig.provider.status()).toEqual({ state: 'disconnected', since: new Date(answeredAt).toISOString(), attempts: 0 });
    await expect(rig.provider.play(caller, { kind: 'speech', text: 'Hello', language: 'en' })).rejects.toMatchObject({
      code: 'unavailable',
      message: 'the simulated provider link is down: play refused',
    });
    await rig.clock.advance(30_000);
    expect(rig.of(caller)).toEqual(['call.incoming +919876543210>+9118002334455', 'call.answered']);

    rig.network.restoreLink();
    await rig.clock.advance(0);
    expect(rig.provider.status()).toEqual({ state: 'connected' });
    expect(rig.of(caller).slice(2)).toEqual(['call.dtmf 4', 'call.hangup normal 16 remote']);
    const times = rig.events.slice(2).map((e) => Date.parse(e.at) - answeredAt);
    expect(times).toEqual([10_000, 20_000]);
  });

  it('holds events until started, and drops them once stopped', async () => {
    const rig = await simRig();
    await rig.provider.stop();
    expect(rig.provider.status().state).toBe('disconnected');
    const callId = rig.network.dialIn('+919876543210', '+9118002334455');
    await rig.clock.advance(0);
    expect(rig.events).toEqual([]);
    // a stopped provider takes no calls: the caller meets congestion
    expect(rig.network.leg(callId).end).toMatchObject({ kind: 'hangup', cause: 'congestion' });
    await expect(rig.provider.answer(callId)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('before start, calls ring and their events are delivered on start', async () => {
    const clock = new VirtualClock(0);
    const network = new SimulatedNetwork({ clock });
    const provider = new SimProvider(network);
    const seen: string[] = [];
    provider.onEvent((e) => seen.push(e.type));
    network.dialIn('+919876543210', '+9118002334455');
    await expect(provider.answer('x')).rejects.toThrow(/not started/);
    await clock.advance(0);
    expect(seen).toEqual([]);
    await provider.start();
    await clock.advance(0);
    expect(seen).toEqual(['call.incoming']);
  });

  it('delivers events after the command that caused them has returned', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    const before = rig.events.length;
    const played = rig.provider.play(caller, { kind: 'speech', text: 'Hello', language: 'en' });
    expect(rig.events.length).toBe(before);
    await played;
    await rig.clock.advance(0);
    expect(rig.of(caller).at(-1)).toBe('media.started');
  });
});
