import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TTelephonyEvent, TTelephonyProvider } from '../../src/telephony/port.js';

/**
 * The far side of a provider, driven by a test: the citizen's phone, the agent's endpoint and
 * the provider link itself. Each adapter's test supplies one (the simulator's scripted network,
 * a protocol-faithful ARI server, signed Twilio webhooks) and the same scenarios run on all.
 */
export interface TRemoteHarness {
  provider: TTelephonyProvider;
  /** a citizen dials the toll-free number; resolves once the provider has accepted the call */
  dialIn(from: string, to: string): Promise<void>;
  /** the remote party of this leg presses keys */
  pressDigits(callId: string, digits: string): Promise<void>;
  /** the remote party of this leg hangs up */
  remoteHangup(callId: string): Promise<void>;
  /**
   * resolves once the far side is being recorded (a voice message has begun), where a
   * provider starts it some time after `record` returns; absent where it starts at once
   */
  recordingStarted?(callId: string): Promise<void>;
  /** how the next outbound call to this number will end */
  scriptOutbound(to: string, behaviour: 'answer' | 'busy' | 'no_answer' | 'machine'): void;
  /** what this leg heard, in order (speech text or media URI), as the far side observed it */
  heard(callId: string): string[];
  /** breaks and restores the link between Samvad and the provider (no-op where stateless) */
  dropLink(): Promise<void>;
  restoreLink(): Promise<void>;
  close(): Promise<void>;
}

/** Collects a provider's events and waits for the ones a scenario expects. */
export class EventLog {
  readonly events: TTelephonyEvent[] = [];
  private waiters: { match: (e: TTelephonyEvent) => boolean; resolve: (e: TTelephonyEvent) => void }[] = [];

  constructor(provider: TTelephonyProvider) {
    provider.onEvent((event) => {
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        w.resolve(event);
        return false;
      });
    });
  }

  /** resolves with the first past or future event that matches; rejects after `timeoutMs` */
  waitFor<T extends TTelephonyEvent['type']>(
    type: T,
    where: (e: Extract<TTelephonyEvent, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<TTelephonyEvent, { type: T }>> {
    const match = (e: TTelephonyEvent): e is Extract<TTelephonyEvent, { type: T }> =>
      e.type === type && where(e as Extract<TTelephonyEvent, { type: T }>);
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms; saw ${this.events.map((e) => e.type).join(', ')}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Extract<TTelephonyEvent, { type: T }>);
        },
      });
    });
  }

  typesFor(callId: string): string[] {
    return this.events.filter((e) => e.callId === callId).map((e) => e.type);
  }
}

/**
 * The scenarios every adapter must pass. `makeHarness` builds a fresh provider and far side
 * for each test.
 */
export function describeProviderContract(name: string, makeHarness: () => Promise<TRemoteHarness>): void {
  describe(`telephony contract: ${name}`, () => {
    let h: TRemoteHarness;
    let log: EventLog;

    beforeEach(async () => {
      h = await makeHarness();
      log = new EventLog(h.provider);
      await h.provider.start();
    });
    afterEach(async () => {
      await h.provider.stop();
      await h.close();
    });

    async function inboundAnswered(from = '+919876543210') {
      await h.dialIn(from, '+9118002334455');
      const incoming = await log.waitFor('call.incoming', (e) => e.call.from === from);
      await h.provider.answer(incoming.callId);
      await log.waitFor('call.answered', (e) => e.callId === incoming.callId);
      return incoming.callId;
    }

    async function agentLeg(agent = 'agent:agent1') {
      const callId = randomUUID();
      h.scriptOutbound(agent, 'answer');
      await h.provider.originate({ callId, to: agent, callerId: '+9118002334455', timeoutSec: 20 });
      await log.waitFor('call.answered', (e) => e.callId === callId);
      return callId;
    }

    it('inbound: answered, prompted, digits collected, bridged to an agent, both hang up', async () => {
      const caller = await inboundAnswered();
      const incoming = await log.waitFor('call.incoming');
      expect(incoming.call).toMatchObject({ direction: 'inbound', from: '+919876543210' });

      const requestId = randomUUID();
      await h.provider.collect(caller, {
        requestId,
        maxDigits: 12,
        timeoutMs: 5000,
        terminator: '#',
        prompt: { kind: 'speech', text: 'अपना आवेदन क्रमांक दर्ज करें', language: 'hi' },
      });
      await h.pressDigits(caller, '4512#');
      const digits = await log.waitFor('call.digits', (e) => e.requestId === requestId);
      expect(digits).toMatchObject({ digits: '4512', reason: 'terminator' });
      expect(h.heard(caller).join(' ')).toContain('अपना आवेदन क्रमांक दर्ज करें');

      const agent = await agentLeg();
      const { bridgeId } = await h.provider.bridge(caller, agent);
      await log.waitFor('call.bridged', (e) => e.callId === caller && e.bridgeId === bridgeId);
      await log.waitFor('call.bridged', (e) => e.callId === agent && e.bridgeId === bridgeId);

      await h.remoteHangup(caller);
      const callerEnd = await log.waitFor('call.hangup', (e) => e.callId === caller);
      expect(callerEnd).toMatchObject({ by: 'remote', cause: 'normal' });
      await h.provider.hangup(agent, 'normal');
      const agentEnd = await log.waitFor('call.hangup', (e) => e.callId === agent);
      expect(agentEnd.by).toBe('local');
    });

    it('a key press stops an interruptible prompt', async () => {
      const caller = await inboundAnswered('+919812345678');
      const { mediaId } = await h.provider.play(caller, { kind: 'speech', text: 'Welcome to the helpline. '.repeat(20), language: 'en' }, { interruptOnDtmf: true });
      await log.waitFor('media.started', (e) => e.mediaId === mediaId);
      await h.pressDigits(caller, '1');
      const finished = await log.waitFor('media.finished', (e) => e.mediaId === mediaId);
      expect(finished.reason).toBe('interrupted');
      await log.waitFor('call.dtmf', (e) => e.callId === caller && e.digit === '1');
      await h.provider.hangup(caller);
    });

    it('the caller hangs up during a prompt', async () => {
      const caller = await inboundAnswered('+919800011122');
      await h.provider.play(caller, { kind: 'speech', text: 'A long announcement. '.repeat(30), language: 'en' });
      await h.remoteHangup(caller);
      const end = await log.waitFor('call.hangup', (e) => e.callId === caller);
      expect(end.by).toBe('remote');
      // nothing about this call after its hangup
      const types = log.typesFor(caller);
      expect(types.indexOf('call.hangup')).toBe(types.length - 1);
    });

    it('a voice message ends on its end key and is reported on the caller', async () => {
      const caller = await inboundAnswered('+919800022233');
      const recordingId = randomUUID();
      await h.provider.record(caller, { recordingId, maxSeconds: 60, endKey: '#', beep: true });
      await h.pressDigits(caller, '#');
      const done = await log.waitFor('recording.finished', (e) => e.recordingId === recordingId, 10_000);
      expect(done.callId).toBe(caller);
      expect(done.uri).not.toBe('');
      expect(done.durationSec).toBeGreaterThanOrEqual(0);
      // the call goes on after the message
      const { mediaId } = await h.provider.play(caller, { kind: 'speech', text: 'Thank you.', language: 'en' });
      await log.waitFor('media.finished', (e) => e.mediaId === mediaId, 10_000);
      await h.provider.hangup(caller);
      await log.waitFor('call.hangup', (e) => e.callId === caller);
    });

    it('a caller who hangs up while speaking still leaves a message, reported before the hang-up', async () => {
      const caller = await inboundAnswered('+919800033344');
      const recordingId = randomUUID();
      await h.provider.record(caller, { recordingId, maxSeconds: 60, endKey: '#', beep: false });
      await h.recordingStarted?.(caller);
      await h.remoteHangup(caller);
      await log.waitFor('call.hangup', (e) => e.callId === caller, 10_000);
      const types = log.typesFor(caller);
      expect(types).toContain('recording.finished');
      expect(types.indexOf('recording.finished')).toBeLessThan(types.indexOf('call.hangup'));
      expect(types.indexOf('call.hangup')).toBe(types.length - 1);
    });

    for (const [behaviour, expected] of [
      ['busy', { type: 'call.failed', reason: 'busy' }],
      ['no_answer', { type: 'call.failed', reason: 'no_answer' }],
    ] as const) {
      it(`outbound: ${behaviour}`, async () => {
        const callId = randomUUID();
        h.scriptOutbound('+919700000001', behaviour);
        await h.provider.originate({ callId, to: '+919700000001', callerId: '+911600233445', timeoutSec: 5 });
        const failed = await log.waitFor('call.failed', (e) => e.callId === callId, 10_000);
        expect(failed).toMatchObject(expected);
        expect(log.typesFor(callId)).not.toContain('call.answered');
      });
    }

    it('outbound: answered by a person', async () => {
      const callId = randomUUID();
      h.scriptOutbound('+919700000002', 'answer');
      await h.provider.originate({ callId, to: '+919700000002', callerId: '+911600233445', timeoutSec: 20, detectMachine: true });
      await log.waitFor('call.answered', (e) => e.callId === callId);
      const amd = await log.waitFor('call.machine', (e) => e.callId === callId);
      expect(amd.result).toBe('human');
      await h.provider.hangup(callId);
      await log.waitFor('call.hangup', (e) => e.callId === callId);
    });

    it('outbound: answered by a machine', async () => {
      const callId = randomUUID();
      h.scriptOutbound('+919700000003', 'machine');
      await h.provider.originate({ callId, to: '+919700000003', callerId: '+911600233445', timeoutSec: 20, detectMachine: true });
      const amd = await log.waitFor('call.machine', (e) => e.callId === callId);
      expect(amd.result).toBe('machine');
      await h.provider.hangup(callId);
    });

    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      it(`supervisor ${mode}`, async () => {
        const caller = await inboundAnswered('+919811122233');
        const agent = await agentLeg('agent:agent1');
        await h.provider.bridge(caller, agent);
        const supervisor = await agentLeg('agent:supervisor1');
        await h.provider.snoop(caller, supervisor, mode);
        // the supervisor's leg stays up and the call goes on; ending the call ends the snoop
        await h.remoteHangup(caller);
        await log.waitFor('call.hangup', (e) => e.callId === caller);
        await h.provider.hangup(agent);
        await h.provider.hangup(supervisor);
        await log.waitFor('call.hangup', (e) => e.callId === supervisor);
      });
    }

    it('survives a provider disconnect during a call', async () => {
      const caller = await inboundAnswered('+919822233344');
      await h.dropLink();
      await h.restoreLink();
      // the call is still controllable after the link comes back
      const { mediaId } = await h.provider.play(caller, { kind: 'speech', text: 'Still here.', language: 'en' });
      await log.waitFor('media.finished', (e) => e.mediaId === mediaId, 10_000);
      await h.provider.hangup(caller);
      await log.waitFor('call.hangup', (e) => e.callId === caller);
      expect(h.provider.status().state).toBe('connected');
    });
  });
}
