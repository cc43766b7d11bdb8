import { randomUUID } from 'node:crypto';
import { createDatabase } from '@samvad/db';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { TProviderStatus, TTelephonyEvent, TTelephonyProvider } from '../../src/telephony/port.js';
import { CallRecorder } from '../../src/telephony/recorder.js';
import { TelephonyService } from '../../src/telephony/telephony.service.js';

/** A provider whose events the test emits by hand: the service and recorder are under test here. */
class ManualProvider implements TTelephonyProvider {
  readonly name = 'sim' as const;
  private listener: ((e: TTelephonyEvent) => void) | null = null;
  originated: string[] = [];
  emit(event: TTelephonyEvent) {
    this.listener?.(event);
  }
  async start() {}
  async stop() {}
  status(): TProviderStatus {
    return { state: 'connected' };
  }
  onEvent(listener: (e: TTelephonyEvent) => void) {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  }
  async answer() {}
  async play() {
    return { mediaId: 'm' };
  }
  async stopMedia() {}
  async collect() {}
  async record() {}
  async originate(request: { callId: string }) {
    this.originated.push(request.callId);
  }
  async hold() {}
  async mute() {}
  async sendDtmf() {}
  async bridge() {
    return { bridgeId: 'b' };
  }
  async snoop() {}
  async hangup() {}
}

describe('every call and every call event is persisted', () => {
  const database = createDatabase({ url: inject('databaseUrl'), poolSize: 4 });
  const { prisma, pool } = database;
  afterAll(() => database.close());

  function setUp() {
    const provider = new ManualProvider();
    const recorder = new CallRecorder(pool, createLogger('silent'));
    const service = new TelephonyService(provider, recorder, createLogger('silent'));
    return { provider, recorder, service };
  }

  it('writes an inbound call with its times, cause and Q.850 code, and its events in order', async () => {
    const { provider, recorder, service } = setUp();
    await service.start();
    const callId = randomUUID();
    const t = (s: number) => new Date(Date.UTC(2026, 10, 22, 5, 0, s)).toISOString();
    const heard: string[] = [];
    service.onEvent((e) => heard.push(e.type));
    provider.emit({ type: 'call.incoming', callId, at: t(0), call: { callId, providerCallId: 'chan-1', direction: 'inbound', from: '+919876543210', to: '+9118002334455' } });
    provider.emit({ type: 'call.answered', callId, at: t(1) });
    provider.emit({ type: 'call.dtmf', callId, at: t(3), digit: '2' });
    provider.emit({ type: 'call.bridged', callId, at: t(9), bridgeId: 'br-1', withCallId: null });
    provider.emit({ type: 'call.hangup', callId, at: t(70), cause: 'normal', q850: 16, by: 'remote' });
    await recorder.flush();

    const call = await prisma.call.findUniqueOrThrow({ where: { id: callId }, include: { events: { orderBy: { id: 'asc' } } } });
    expect(call).toMatchObject({
      direction: 'inbound',
      provider: 'sim',
      providerCallId: 'chan-1',
      fromNumber: '+919876543210',
      toNumber: '+9118002334455',
      hangupCause: 'normal',
      q850Code: 16,
    });
    expect(call.offeredAt.toISOString()).toBe(t(0));
    expect(call.answeredAt?.toISOString()).toBe(t(1));
    expect(call.bridgedAt?.toISOString()).toBe(t(9));
    expect(call.endedAt?.toISOString()).toBe(t(70));
    expect(call.events.map((e) => e.type)).toEqual(['call.incoming', 'call.answered', 'call.dtmf', 'call.bridged', 'call.hangup']);
    expect(call.events[2]?.data).toEqual({ digit: '2' });
    expect(heard).toEqual(call.events.map((e) => e.type));
    expect(service.registry.list()).toEqual([]);
  });

  it('writes an outbound leg before the provider is asked, and its failure', async () => {
    const { provider, recorder, service } = setUp();
    await service.start();
    const callId = randomUUID();
    await service.originate({ callId, to: '+919700000001', callerId: '+911600233445', timeoutSec: 30 });
    expect(provider.originated).toEqual([callId]);
    provider.emit({ type: 'call.failed', callId, at: new Date().toISOString(), reason: 'busy', q850: 17 });
    await recorder.flush();
    const call = await prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(call).toMatchObject({ direction: 'outbound', hangupCause: 'busy', q850Code: 17, answeredAt: null });
  });

  it('keeps going when a listener throws', async () => {
    const { provider, recorder, service } = setUp();
    await service.start();
    service.onEvent(() => {
      throw new Error('a broken listener');
    });
    const callId = randomUUID();
    provider.emit({ type: 'call.incoming', callId, at: new Date().toISOString(), call: { callId, providerCallId: 'x', direction: 'inbound', from: '+919800000000', to: '+9118002334455' } });
    await recorder.flush();
    expect(await prisma.call.count({ where: { id: callId } })).toBe(1);
  });
});
