import { describe, expect, it } from 'vitest';
import { collectKey, collectRules } from './collect.js';
import { simRig } from './testing.js';

describe('collect rules', () => {
  const rules = collectRules({ maxDigits: 3, timeoutMs: 5000, terminator: '#' });

  it('keeps keys until maxDigits are in', () => {
    expect(collectKey(rules, '', '4')).toEqual({ digits: '4', end: null });
    expect(collectKey(rules, '45', '1')).toEqual({ digits: '451', end: 'max_digits' });
  });

  it('ends on the terminator without keeping it, even with nothing typed', () => {
    expect(collectKey(rules, '45', '#')).toEqual({ digits: '45', end: 'terminator' });
    expect(collectKey(rules, '', '#')).toEqual({ digits: '', end: 'terminator' });
  });

  it('keeps * and # as digits when they are not the terminator', () => {
    const noTerminator = collectRules({ maxDigits: 2, timeoutMs: 1000 });
    expect(collectKey(noTerminator, '*', '#')).toEqual({ digits: '*#', end: 'max_digits' });
  });

  it('refuses requests a provider would refuse', () => {
    expect(() => collectRules({ maxDigits: 0, timeoutMs: 1000 })).toThrow(/maxDigits/);
    expect(() => collectRules({ maxDigits: 1.5, timeoutMs: 1000 })).toThrow(/maxDigits/);
    expect(() => collectRules({ maxDigits: 4, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => collectRules({ maxDigits: 4, timeoutMs: 1000, terminator: '##' })).toThrow(/terminator/);
  });
});

describe('collect on a call', () => {
  it('ends at maxDigits, with a call.dtmf per key before the call.digits', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 2, timeoutMs: 5000 });
    // keys take virtual time (300 ms apart): press, then let the clock run
    const pressing = rig.network.pressDigits(caller, '739');
    await rig.clock.advance(10_000);
    await pressing;
    expect(rig.of(caller).slice(2)).toEqual(['call.dtmf 7', 'call.dtmf 3', 'call.digits 73 max_digits', 'call.dtmf 9']);
  });

  it('ends on the terminator', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 12, timeoutMs: 5000, terminator: '#' });
    void rig.network.pressDigits(caller, '4512#');
    await rig.clock.advance(1200);
    expect(rig.of(caller).at(-1)).toBe('call.digits 4512 terminator');
  });

  it('times out between keys with the digits so far', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 10, timeoutMs: 3000, terminator: '#' });
    void rig.network.pressDigits(caller, '12', 500);
    await rig.clock.advance(500);
    const afterKeys = rig.clock.now();
    await rig.clock.advance(2999);
    expect(rig.of(caller)).not.toContain('call.digits 12 timeout');
    await rig.clock.advance(1);
    expect(rig.of(caller).at(-1)).toBe('call.digits 12 timeout');
    const digits = rig.events.find((e) => e.type === 'call.digits');
    expect(Date.parse(digits?.at ?? '') - afterKeys).toBe(3000);
  });

  it('starts the first-digit clock when the prompt ends, not when it starts', async () => {
    const rig = await simRig({ settings: { speechCharsPerSecond: 10 } });
    const caller = await rig.answered();
    // 40 characters at 10 per second: a 4 s prompt
    const prompt = { kind: 'speech' as const, text: 'Please type your application number now.', language: 'en' as const };
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 8, timeoutMs: 5000, prompt });
    await rig.clock.advance(8999);
    expect(rig.of(caller)).toEqual(['call.incoming +919876543210>+9118002334455', 'call.answered', 'media.started', 'media.finished done']);
    await rig.clock.advance(1);
    expect(rig.of(caller).at(-1)).toBe('call.digits  timeout');
    expect(rig.network.heard(caller)).toEqual(['Please type your application number now.']);
  });

  it('a key during the prompt stops it and counts', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    const prompt = { kind: 'speech' as const, text: 'अपना आवेदन क्रमांक दर्ज करें और अंत में हैश दबाएं', language: 'hi' as const };
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 8, timeoutMs: 5000, terminator: '#', prompt });
    await rig.clock.advance(1000);
    void rig.network.pressDigits(caller, '9#', 200);
    await rig.clock.advance(200);
    expect(rig.of(caller).slice(2)).toEqual(['media.started', 'media.finished interrupted', 'call.dtmf 9', 'call.dtmf #', 'call.digits 9 terminator']);
  });

  it('refuses a second collection on the same call while one runs', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 4, timeoutMs: 5000 });
    await expect(rig.provider.collect(caller, { requestId: 'r2', maxDigits: 4, timeoutMs: 5000 })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('says nothing about a collection after the caller hangs up', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.collect(caller, { requestId: 'r1', maxDigits: 4, timeoutMs: 5000 });
    await rig.network.pressDigits(caller, '1');
    rig.network.remoteHangup(caller);
    await rig.clock.advance(60_000);
    expect(rig.of(caller).slice(2)).toEqual(['call.dtmf 1', 'call.hangup normal 16 remote']);
  });
});
