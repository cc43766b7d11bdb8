import { describe, expect, it } from 'vitest';
import { agentFromChannelName, dialTarget, presentedNumber } from './ari.endpoints.js';

const config = { trunkEndpoint: 'PJSIP/{number}@carrier', agentEndpoint: 'PJSIP/{agent}' };

describe('dial targets', () => {
  it('maps agents and E.164 numbers through the templates', () => {
    expect(dialTarget('agent:agent3', config)).toEqual({ endpoint: 'PJSIP/agent3', isAgent: true });
    expect(dialTarget('+919700000001', config)).toEqual({ endpoint: 'PJSIP/+919700000001@carrier', isAgent: false });
    expect(dialTarget('+919700000001', { ...config, trunkEndpoint: 'PJSIP/{national}@carrier' }).endpoint).toBe('PJSIP/09700000001@carrier');
    expect(dialTarget('+919700000001', { ...config, trunkEndpoint: 'Local/{digits}@to-carrier' }).endpoint).toBe('Local/919700000001@to-carrier');
  });

  it('refuses anything else', () => {
    expect(() => dialTarget('09700000001', config)).toThrow(/E\.164/);
    expect(() => dialTarget('agent:', config)).toThrow();
    expect(() => dialTarget('agent:a/b', config)).toThrow();
  });
});

describe('numbers as presented', () => {
  it('normalises carrier presentations to E.164 and keeps the rest', () => {
    expect(presentedNumber('09876543210')).toBe('+919876543210');
    expect(presentedNumber('919876543210')).toBe('+919876543210');
    expect(presentedNumber('+919876543210')).toBe('+919876543210');
    expect(presentedNumber('18002334455')).toBe('+9118002334455');
    expect(presentedNumber('anonymous')).toBe('anonymous');
    expect(presentedNumber('')).toBe('');
  });

  it('names an agent from its channel', () => {
    expect(agentFromChannelName('PJSIP/agent1-0000002a')).toBe('agent:agent1');
  });
});
