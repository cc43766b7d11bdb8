import { describe, expect, it } from 'vitest';
import type { TSnoopMode } from '../port.js';
import { simRig } from './testing.js';

async function callWithAgent(rig: Awaited<ReturnType<typeof simRig>>, record = false) {
  const caller = await rig.answered();
  await rig.provider.originate({ callId: 'agent', to: 'agent:asha', callerId: '+9118002334455', timeoutSec: 20 });
  await rig.clock.advance(5000);
  const { bridgeId } = await rig.provider.bridge(caller, 'agent', { record });
  await rig.clock.advance(0);
  return { caller, agent: 'agent', bridgeId };
}

describe('bridges', () => {
  it('joins two answered calls, tells both, and ends the waiting room', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.hold(caller);
    expect(rig.network.leg(caller).onHold).toBe(true);
    await rig.provider.originate({ callId: 'agent', to: 'agent:asha', callerId: '+9118002334455', timeoutSec: 20 });
    await rig.clock.advance(5000);
    const { bridgeId } = await rig.provider.bridge(caller, 'agent');
    await rig.clock.advance(0);
    const bridged = rig.events.filter((e) => e.type === 'call.bridged');
    expect(bridged.map((e) => [e.callId, e.type === 'call.bridged' && e.bridgeId, e.type === 'call.bridged' && e.withCallId])).toEqual([
      [caller, bridgeId, 'agent'],
      ['agent', bridgeId, caller],
    ]);
    expect(rig.network.leg(caller)).toMatchObject({ onHold: false, bridgeId });
    expect(rig.network.hears(caller)).toEqual(['agent']);
    expect(rig.network.hears('agent')).toEqual([caller]);
  });

  it('when one side hangs up the other is unbridged and the recording reported on it', async () => {
    const rig = await simRig();
    const { caller, agent, bridgeId } = await callWithAgent(rig, true);
    await rig.clock.advance(95_000);
    rig.network.remoteHangup(caller);
    await rig.clock.advance(0);
    expect(rig.of(caller).slice(-2)).toEqual(['call.bridged', 'call.hangup normal 16 remote']);
    expect(rig.of(agent).slice(-2)).toEqual(['recording.finished', 'call.unbridged']);
    const recording = rig.events.find((e) => e.type === 'recording.finished');
    expect(recording).toMatchObject({ recordingId: bridgeId, durationSec: 95, uri: `sim:recording/${bridgeId}` });
    expect(rig.network.hears(agent)).toEqual([]);
  });

  it('refuses calls that are not up', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    const ringing = rig.network.dialIn('+919812345678', '+9118002334455');
    await expect(rig.provider.bridge(caller, ringing)).rejects.toMatchObject({ code: 'conflict' });
    await expect(rig.provider.bridge(caller, caller)).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('snoop: who hears whom', () => {
  const expected: Record<TSnoopMode, { supervisorHears: string[]; callerHearsSupervisor: boolean; agentHearsSupervisor: boolean }> = {
    listen: { supervisorHears: ['caller', 'agent'], callerHearsSupervisor: false, agentHearsSupervisor: false },
    whisper: { supervisorHears: ['caller', 'agent'], callerHearsSupervisor: false, agentHearsSupervisor: true },
    barge: { supervisorHears: ['caller', 'agent'], callerHearsSupervisor: true, agentHearsSupervisor: true },
  };

  for (const mode of ['listen', 'whisper', 'barge'] as const) {
    it(mode, async () => {
      const rig = await simRig();
      const { caller, agent } = await callWithAgent(rig);
      await rig.provider.originate({ callId: 'sup', to: 'agent:supervisor1', callerId: '+9118002334455', timeoutSec: 20 });
      await rig.clock.advance(5000);
      await rig.provider.snoop(caller, 'sup', mode);
      const name = (id: string) => (id === caller ? 'caller' : id === agent ? 'agent' : id);
      const want = expected[mode];
      expect(rig.network.hears('sup').map(name).sort()).toEqual([...want.supervisorHears].sort());
      expect(rig.network.hears(caller).includes('sup')).toBe(want.callerHearsSupervisor);
      expect(rig.network.hears(agent).includes('sup')).toBe(want.agentHearsSupervisor);
      // caller and agent always hear each other
      expect(rig.network.hears(caller)).toContain(agent);

      rig.network.remoteHangup(caller);
      await rig.clock.advance(0);
      expect(rig.network.snoops()).toEqual([expect.objectContaining({ supervisorCallId: 'sup', targetCallId: caller, mode, endedAt: expect.any(String) })]);
      expect(rig.network.hears('sup')).toEqual([]);
      expect(rig.network.leg('sup').state).toBe('answered');
    });
  }

  it('a supervisor changes mode by snooping again; the log keeps both', async () => {
    const rig = await simRig();
    const { caller, agent } = await callWithAgent(rig);
    await rig.provider.originate({ callId: 'sup', to: 'agent:supervisor1', callerId: '+9118002334455', timeoutSec: 20 });
    await rig.clock.advance(5000);
    await rig.provider.snoop(caller, 'sup', 'listen');
    await rig.clock.advance(30_000);
    await rig.provider.snoop(caller, 'sup', 'barge');
    expect(rig.network.snoops().map((s) => [s.mode, s.endedAt === null])).toEqual([
      ['listen', false],
      ['barge', true],
    ]);
    expect(rig.network.hears(agent)).toContain('sup');
  });
});
