import { describe, expect, it } from 'vitest';
import { simRig } from './testing.js';

const dial = (callId: string, to: string, extra: { timeoutSec?: number; detectMachine?: boolean } = {}) => ({
  callId,
  to,
  callerId: '+911600233445',
  timeoutSec: extra.timeoutSec ?? 30,
  detectMachine: extra.detectMachine ?? false,
});

describe('outbound calls', () => {
  it('rings after the setup time and answers when the script says', async () => {
    const rig = await simRig();
    rig.network.scriptNext('+919700000001', { pickup: { kind: 'answer', afterSec: 4 } });
    const placed = rig.clock.now();
    await rig.provider.originate(dial('c1', '+919700000001', { detectMachine: true }));
    await rig.clock.advance(60_000);
    expect(rig.of('c1')).toEqual(['call.ringing', 'call.answered', 'call.machine human']);
    const answered = rig.events.find((e) => e.type === 'call.answered');
    expect(Date.parse(answered?.at ?? '') - placed).toBe(700 + 4000);
  });

  it('busy and congestion come back without ringing', async () => {
    const rig = await simRig();
    rig.network.scriptNext('+919700000001', { pickup: { kind: 'busy' } });
    rig.network.scriptNext('+919700000001', { pickup: { kind: 'congestion' } });
    await rig.provider.originate(dial('c1', '+919700000001'));
    await rig.provider.originate(dial('c2', '+919700000001'));
    await rig.clock.advance(60_000);
    expect(rig.of('c1')).toEqual(['call.failed busy 17']);
    expect(rig.of('c2')).toEqual(['call.failed congestion 34']);
  });

  it('gives up with no_answer at the timeout, counted from the dial', async () => {
    const rig = await simRig();
    rig.network.scriptNext('+919700000001', { pickup: { kind: 'answer', afterSec: 30 } });
    const placed = rig.clock.now();
    await rig.provider.originate(dial('c1', '+919700000001', { timeoutSec: 25 }));
    await rig.clock.advance(120_000);
    expect(rig.of('c1')).toEqual(['call.ringing', 'call.failed no_answer 19']);
    expect(Date.parse(rig.events.at(-1)?.at ?? '') - placed).toBe(25_000);
  });

  it('a citizen who declines, or hangs up while it rings, rejects the call', async () => {
    const rig = await simRig();
    rig.network.scriptNext('+919700000001', { pickup: { kind: 'reject', afterSec: 2 } });
    rig.network.scriptNext('+919700000002', { pickup: { kind: 'no_answer' } });
    await rig.provider.originate(dial('c1', '+919700000001'));
    await rig.provider.originate(dial('c2', '+919700000002'));
    await rig.clock.advance(1000);
    rig.network.remoteHangup('c2');
    await rig.clock.advance(60_000);
    expect(rig.of('c1')).toEqual(['call.ringing', 'call.failed rejected 21']);
    expect(rig.of('c2')).toEqual(['call.ringing', 'call.failed rejected 21']);
  });

  it('an answering machine answers; detection says so only when asked', async () => {
    const rig = await simRig();
    rig.network.scriptNext('+919700000003', { pickup: { kind: 'machine', afterSec: 10 }, hangupAfterSec: 30 });
    rig.network.scriptNext('+919700000003', { pickup: { kind: 'machine', afterSec: 10 } });
    await rig.provider.originate(dial('c1', '+919700000003', { detectMachine: true }));
    await rig.provider.originate(dial('c2', '+919700000003'));
    await rig.clock.advance(120_000);
    expect(rig.of('c1')).toEqual(['call.ringing', 'call.answered', 'call.machine machine', 'call.hangup normal 16 remote']);
    expect(rig.of('c2')).toEqual(['call.ringing', 'call.answered']);
    expect(rig.network.leg('c2').isMachine).toBe(true);
  });

  it('an agent endpoint answers on its own, or rings until the console answers it', async () => {
    const rig = await simRig();
    await rig.provider.originate(dial('auto', 'agent:asha'));
    rig.network.setScript('agent:ravi', { pickup: { kind: 'manual' } });
    await rig.provider.originate(dial('manual', 'agent:ravi'));
    await rig.clock.advance(20_000);
    expect(rig.of('auto')).toEqual(['call.ringing', 'call.answered']);
    expect(rig.of('manual')).toEqual(['call.ringing']);
    rig.network.answerRemote('manual');
    await rig.clock.advance(0);
    expect(rig.of('manual')).toEqual(['call.ringing', 'call.answered']);
  });

  it('a local hang-up carries its cause and Q.850 code, and hanging up twice is harmless', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.hangup(caller, 'rejected');
    await rig.provider.hangup(caller);
    await rig.clock.advance(0);
    expect(rig.of(caller).at(-1)).toBe('call.hangup rejected 21 local');
    expect(rig.of(caller).filter((e) => e.startsWith('call.hangup'))).toHaveLength(1);
    await expect(rig.provider.hangup('no-such-call')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses numbers it cannot dial and ids already in use', async () => {
    const rig = await simRig();
    await expect(rig.provider.originate(dial('c1', '9876543210'))).rejects.toMatchObject({ code: 'invalid' });
    await rig.provider.originate(dial('c2', 'agent:asha'));
    await expect(rig.provider.originate(dial('c2', 'agent:asha'))).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('scripted citizens', () => {
  it('press keys at moments counted from the answer, and hang up when told', async () => {
    const rig = await simRig();
    const caller = await rig.answered({ presses: [{ keys: '12', afterSec: 3, gapMs: 500 }], hangupAfterSec: 10 });
    const answeredAt = rig.clock.now();
    await rig.clock.advance(60_000);
    expect(rig.of(caller).slice(2)).toEqual(['call.dtmf 1', 'call.dtmf 2', 'call.hangup normal 16 remote']);
    const at = rig.events.filter((e) => e.callId === caller).slice(2).map((e) => Date.parse(e.at) - answeredAt);
    expect(at).toEqual([3000, 3500, 10_000]);
  });

  it('answer the question they were asked: a press anchored on a collection waits for one', async () => {
    const rig = await simRig();
    const caller = await rig.answered({
      presses: [
        { keys: '2', from: 'collect', afterSec: 1 },
        { keys: '1234#', from: 'collect', afterSec: 2, gapMs: 100 },
      ],
    });
    await rig.clock.advance(30_000);
    expect(rig.of(caller).slice(2)).toEqual([]);
    await rig.provider.collect(caller, { requestId: 'menu', maxDigits: 1, timeoutMs: 5000 });
    await rig.clock.advance(1000);
    expect(rig.of(caller).slice(2)).toEqual(['call.dtmf 2', 'call.digits 2 max_digits']);
    await rig.provider.collect(caller, { requestId: 'number', maxDigits: 10, timeoutMs: 5000, terminator: '#' });
    await rig.clock.advance(5000);
    expect(rig.of(caller).at(-1)).toBe('call.digits 1234 terminator');
  });

  it('presses anchored on a prompt interrupt it', async () => {
    const rig = await simRig();
    const caller = await rig.answered({ presses: [{ keys: '0', from: 'prompt', afterSec: 1.5 }] });
    await rig.provider.play(caller, { kind: 'speech', text: 'Welcome. '.repeat(10), language: 'en' }, { interruptOnDtmf: true });
    await rig.clock.advance(10_000);
    expect(rig.of(caller).slice(2)).toEqual(['media.started', 'media.finished interrupted', 'call.dtmf 0']);
  });

  it('an inbound caller nobody answers gives up', async () => {
    const rig = await simRig();
    const caller = rig.network.dialIn('+919876543210', '+9118002334455', { abandonAfterSec: 20 });
    await rig.clock.advance(60_000);
    expect(rig.of(caller)).toEqual(['call.incoming +919876543210>+9118002334455', 'call.hangup normal 16 remote']);
  });
});
