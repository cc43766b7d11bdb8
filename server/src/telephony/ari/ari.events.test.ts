import { describe, expect, it } from 'vitest';
import { ariTime, parseAriEvent, stasisArgsOf, targetId, ZAriChannel } from './ari.events.js';

const channel = {
  id: '1718000000.12',
  name: 'PJSIP/carrier-0000000c',
  state: 'Ring',
  protocol_id: 'x',
  caller: { name: '', number: '09876543210' },
  connected: { name: '', number: '' },
  accountcode: '',
  dialplan: { context: 'helpline', exten: '18002334455', priority: 5, app_name: 'Stasis', app_data: 'samvad,inbound,18002334455' },
  creationtime: '2026-05-13T09:47:36.123+0000',
  language: 'en',
};

describe('ARI event parsing', () => {
  it('reads the events the adapter handles and skips the rest', () => {
    const parsed = parseAriEvent({ type: 'StasisStart', timestamp: '2026-05-13T09:47:36.123+0000', args: ['inbound', '18002334455'], channel, application: 'samvad' });
    expect(parsed.ok && parsed.event.type === 'StasisStart' && parsed.event.args).toEqual(['inbound', '18002334455']);
    expect(parseAriEvent({ type: 'ChannelVarset', timestamp: 't', variable: 'A', value: 'B' })).toEqual({ ok: false, type: 'ChannelVarset', problem: 'unhandled' });
    expect(parseAriEvent({ type: 'ChannelDestroyed', timestamp: 't', channel })).toEqual({ ok: false, type: 'ChannelDestroyed', problem: 'invalid' });
    expect(parseAriEvent('nonsense')).toEqual({ ok: false, type: '', problem: 'unhandled' });
  });

  it('converts Asterisk times to ISO 8601 UTC', () => {
    expect(ariTime('2026-05-13T09:47:36.123+0000')).toBe('2026-05-13T09:47:36.123Z');
    expect(ariTime('2026-05-13T15:17:36.123+0530')).toBe('2026-05-13T09:47:36.123Z');
    expect(ariTime('2026-05-13T09:47:36.123456+0000')).toBe('2026-05-13T09:47:36.123Z');
    const fallback = new Date('2026-01-01T00:00:00Z');
    expect(ariTime('not a time', fallback)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads Stasis arguments and target URIs', () => {
    const parsed = ZAriChannel.parse(channel);
    expect(stasisArgsOf(parsed, 'samvad')).toEqual(['inbound', '18002334455']);
    expect(stasisArgsOf(parsed, 'other')).toBeNull();
    expect(stasisArgsOf({ ...parsed, dialplan: { ...parsed.dialplan, app_name: 'AMD' } }, 'samvad')).toBeNull();
    expect(targetId('channel:1.2', 'channel')).toBe('1.2');
    expect(targetId('bridge:b', 'channel')).toBeNull();
  });
});
