import { describe, expect, it } from 'vitest';
import type { TTelephonyEvent } from '../port.js';
import { simRig } from './testing.js';

function finished(events: TTelephonyEvent[], callId: string) {
  return events.find((e): e is Extract<TTelephonyEvent, { type: 'recording.finished' }> => e.type === 'recording.finished' && e.callId === callId);
}

describe('voice messages on the simulator', () => {
  it('a caller who speaks for 7 s then presses # leaves a 7-second message, and the call goes on', async () => {
    const rig = await simRig();
    const caller = await rig.answered({ presses: [{ keys: '#', afterSec: 7, from: 'record' }] });
    await rig.provider.record(caller, { recordingId: 'vm-1', maxSeconds: 60, endKey: '#', beep: true });
    await rig.clock.advance(10_000);
    expect(finished(rig.events, caller)).toMatchObject({ recordingId: 'vm-1', uri: 'sim:recording/vm-1', durationSec: 7 });
    expect(rig.of(caller)).not.toContain('call.hangup');
  });

  it('stops at the length limit when the caller keeps talking', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.record(caller, { recordingId: 'vm-2', maxSeconds: 30, endKey: '#', beep: false });
    await rig.clock.advance(29_000);
    expect(finished(rig.events, caller)).toBeUndefined();
    await rig.clock.advance(2_000);
    expect(finished(rig.events, caller)?.durationSec).toBe(30);
  });

  it('a hang-up mid-message reports the message first, then the hang-up, then nothing', async () => {
    const rig = await simRig();
    const caller = await rig.answered({ hangupAfterSec: 12 });
    await rig.provider.record(caller, { recordingId: 'vm-3', maxSeconds: 60, endKey: '#', beep: false });
    await rig.clock.advance(70_000);
    expect(rig.of(caller).slice(-2)).toEqual(['recording.finished', 'call.hangup normal 16 remote']);
    expect(finished(rig.events, caller)?.durationSec).toBe(12);
  });

  it('refuses a second recording on the same call and a non-positive limit', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await expect(rig.provider.record(caller, { recordingId: 'a', maxSeconds: 0, endKey: '#', beep: false })).rejects.toThrow(/maxSeconds/);
    await rig.provider.record(caller, { recordingId: 'b', maxSeconds: 10, endKey: '#', beep: false });
    await expect(rig.provider.record(caller, { recordingId: 'c', maxSeconds: 10, endKey: '#', beep: false })).rejects.toThrow(/already recording/);
  });
});
