import { describe, expect, it } from 'vitest';
import type { TTelephonyEvent, TTelephonyProvider } from '../../server/src/telephony/port.js';
import { DigitTimedProvider } from './digit-timing.js';

/** a provider that records the commands it gets and emits what the test tells it to */
function fakeProvider() {
  const listeners = new Set<(event: TTelephonyEvent) => void>();
  const commands: string[] = [];
  const provider: TTelephonyProvider = {
    name: 'sim',
    start: async () => undefined,
    stop: async () => undefined,
    status: () => ({ state: 'connected' }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    answer: async (callId) => void commands.push(`answer ${callId}`),
    play: async (callId) => {
      commands.push(`play ${callId}`);
      return { mediaId: 'm1' };
    },
    stopMedia: async (callId) => void commands.push(`stopMedia ${callId}`),
    collect: async (callId) => void commands.push(`collect ${callId}`),
    record: async (callId) => void commands.push(`record ${callId}`),
    originate: async (request) => void commands.push(`originate ${request.callId}`),
    hold: async (callId) => void commands.push(`hold ${callId}`),
    mute: async (callId, muted) => void commands.push(`mute ${callId} ${muted}`),
    sendDtmf: async (callId, digits) => void commands.push(`dtmf ${callId} ${digits}`),
    bridge: async (a, b) => {
      commands.push(`bridge ${a} ${b}`);
      return { bridgeId: 'b1' };
    },
    snoop: async (target, supervisor) => void commands.push(`snoop ${target} ${supervisor}`),
    hangup: async (callId) => void commands.push(`hangup ${callId}`),
  };
  const emit = (event: TTelephonyEvent) => {
    for (const listener of listeners) listener(event);
  };
  return { provider, commands, emit };
}

const at = '2026-03-12T05:30:00.000Z';
const digits = (callId: string, keys: string): TTelephonyEvent => ({ type: 'call.digits', callId, at, requestId: 'r', digits: keys, reason: keys === '' ? 'timeout' : 'terminator' });

describe('DigitTimedProvider', () => {
  it('times from the digits entering to the next command on that call, and passes the command on', async () => {
    const fake = fakeProvider();
    let clock = 100;
    const timed = new DigitTimedProvider(fake.provider, () => clock);
    const heard: TTelephonyEvent[] = [];
    timed.onEvent((event) => heard.push(event));

    fake.emit(digits('a', '451236789012'));
    clock = 112.5;
    await timed.play('a', { kind: 'speech', text: 'status', language: 'en' });

    expect(timed.samples).toEqual([{ callId: 'a', digits: '451236789012', reason: 'terminator', command: 'play', ms: 12.5 }]);
    expect(fake.commands).toEqual(['play a']);
    // the server's own listener still hears the event
    expect(heard).toHaveLength(1);
  });

  it('keeps calls apart and counts only the first command after the digits', async () => {
    const fake = fakeProvider();
    let clock = 0;
    const timed = new DigitTimedProvider(fake.provider, () => clock);

    fake.emit(digits('a', '1'));
    clock = 1;
    fake.emit(digits('b', '2'));
    clock = 5;
    await timed.collect('b', { requestId: 'x', maxDigits: 1, timeoutMs: 6000 });
    clock = 9;
    await timed.collect('a', { requestId: 'y', maxDigits: 1, timeoutMs: 6000 });
    clock = 20;
    await timed.hangup('a');

    expect(timed.samples.map(({ callId, command, ms }) => ({ callId, command, ms }))).toEqual([
      { callId: 'b', command: 'collect', ms: 4 },
      { callId: 'a', command: 'collect', ms: 9 },
    ]);
    expect(timed.waiting()).toBe(0);
  });

  it('counts digits whose call ended before any answer, and commands on other calls are not samples', async () => {
    const fake = fakeProvider();
    const timed = new DigitTimedProvider(fake.provider, () => 0);

    await timed.answer('c');
    fake.emit(digits('d', ''));
    fake.emit({ type: 'call.hangup', callId: 'd', at, cause: 'normal', q850: 16, by: 'remote' });
    await timed.originate({ callId: 'd', to: 'agent:agent1', callerId: '+9118002334455', timeoutSec: 20 });

    expect(timed.samples).toEqual([]);
    expect(timed.unanswered).toBe(1);
    expect(timed.waiting()).toBe(0);
    expect(fake.commands).toEqual(['answer c', 'originate d']);
  });

  it('notices digits that come again before the server answered the first', () => {
    const fake = fakeProvider();
    const timed = new DigitTimedProvider(fake.provider, () => 0);
    fake.emit(digits('e', '1'));
    fake.emit(digits('e', '2'));
    expect(timed.overlapped).toBe(1);
    expect(timed.waiting()).toBe(1);
  });
});
