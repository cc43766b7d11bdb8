import { describe, expect, it } from 'vitest';
import type { TTelephonyEvent } from './port.js';
import { CallRegistry } from './registry.js';

const info = { callId: 'c1', providerCallId: 'p1', direction: 'inbound' as const, from: '+919876543210', to: '+9118002334455' };
const at = (s: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, s)).toISOString();

describe('CallRegistry', () => {
  it('follows an inbound call from offer to hang-up and lets it go', () => {
    const registry = new CallRegistry('sim');
    const events: TTelephonyEvent[] = [
      { type: 'call.incoming', callId: 'c1', at: at(0), call: info },
      { type: 'call.answered', callId: 'c1', at: at(1) },
      { type: 'call.dtmf', callId: 'c1', at: at(2), digit: '1' },
      { type: 'call.bridged', callId: 'c1', at: at(5), bridgeId: 'b1', withCallId: 'c2' },
      { type: 'call.hangup', callId: 'c1', at: at(60), cause: 'normal', q850: 16, by: 'remote' },
    ];
    const changes = events.map((e) => registry.apply(e));
    expect(changes.map((c) => c.kind)).toEqual(['created', 'updated', 'updated', 'updated', 'ended']);
    const last = changes.at(-1);
    expect(last?.kind === 'ended' && last.call).toMatchObject({
      state: 'ended',
      offeredAt: at(0),
      answeredAt: at(1),
      bridgedAt: at(5),
      endedAt: at(60),
      cause: 'normal',
      q850: 16,
    });
    expect(registry.list()).toEqual([]);
  });

  it('records an outbound failure with its cause', () => {
    const registry = new CallRegistry('ari');
    registry.originating({ ...info, callId: 'o1', direction: 'outbound' }, at(0));
    registry.apply({ type: 'call.ringing', callId: 'o1', at: at(1) });
    expect(registry.get('o1')?.state).toBe('ringing');
    const change = registry.apply({ type: 'call.failed', callId: 'o1', at: at(20), reason: 'no_answer', q850: 19 });
    expect(change.kind === 'ended' && change.call).toMatchObject({ cause: 'no_answer', q850: 19, answeredAt: null });
  });

  it('ignores duplicates and events for calls it does not know', () => {
    const registry = new CallRegistry('twilio');
    registry.apply({ type: 'call.incoming', callId: 'c1', at: at(0), call: info });
    expect(registry.apply({ type: 'call.incoming', callId: 'c1', at: at(0), call: info }).kind).toBe('ignored');
    expect(registry.apply({ type: 'call.answered', callId: 'nope', at: at(1) }).kind).toBe('ignored');
    // a late answer after a bridge does not move the state back
    registry.apply({ type: 'call.bridged', callId: 'c1', at: at(2), bridgeId: 'b', withCallId: null });
    registry.apply({ type: 'call.answered', callId: 'c1', at: at(3) });
    expect(registry.get('c1')).toMatchObject({ state: 'bridged', answeredAt: at(3) });
  });
});
