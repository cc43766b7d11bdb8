import { describe, expect, it } from 'vitest';
import { gatherReason, machineResult, outcomeOfStatus, q850FromSip, samvadAddress, twilioAddress } from './mapping.js';

describe('Twilio call status → call model', () => {
  it.each([
    ['queued', undefined, { kind: 'progress' }],
    ['initiated', undefined, { kind: 'progress' }],
    ['ringing', undefined, { kind: 'ringing' }],
    ['in-progress', undefined, { kind: 'answered' }],
    ['completed', 200, { kind: 'completed', cause: 'normal', q850: 16 }],
    ['completed', undefined, { kind: 'completed', cause: 'normal', q850: 16 }],
    ['busy', 486, { kind: 'failed', reason: 'busy', q850: 17 }],
    ['no-answer', 487, { kind: 'failed', reason: 'no_answer', q850: 19 }],
    ['no-answer', undefined, { kind: 'failed', reason: 'no_answer', q850: 19 }],
    ['failed', undefined, { kind: 'failed', reason: 'congestion', q850: 41 }],
    ['failed', 503, { kind: 'failed', reason: 'congestion', q850: 41 }],
    ['failed', 404, { kind: 'failed', reason: 'congestion', q850: 1 }],
    ['failed', 603, { kind: 'failed', reason: 'rejected', q850: 21 }],
    ['failed', 486, { kind: 'failed', reason: 'busy', q850: 17 }],
    ['failed', 480, { kind: 'failed', reason: 'no_answer', q850: 18 }],
    ['canceled', undefined, { kind: 'canceled' }],
  ] as const)('%s (SIP %s)', (status, sip, expected) => {
    expect(outcomeOfStatus(status, sip)).toEqual(expected);
  });

  it('maps SIP responses to Q.850 after RFC 3398 and knows nothing of codes it has no row for', () => {
    expect([404, 480, 486, 503, 600, 603].map(q850FromSip)).toEqual([1, 18, 17, 41, 17, 21]);
    expect(q850FromSip(487)).toBeNull();
    expect(q850FromSip(undefined)).toBeNull();
  });
});

describe('answering-machine detection', () => {
  it.each([
    ['human', 'human'],
    ['machine_start', 'machine'],
    ['machine_end_beep', 'machine'],
    ['machine_end_silence', 'machine'],
    ['machine_end_other', 'machine'],
    ['fax', 'machine'],
    ['unknown', 'unknown'],
  ] as const)('AnsweredBy=%s → %s', (answeredBy, expected) => {
    expect(machineResult(answeredBy)).toBe(expected);
  });

  it('says nothing when detection did not run', () => {
    expect(machineResult(undefined)).toBeNull();
    expect(machineResult('')).toBeNull();
  });
});

describe('why a Gather ended', () => {
  it('the finish key, the digit count, or the clock', () => {
    expect(gatherReason('4512', '#', 12)).toBe('terminator');
    expect(gatherReason('', '#', 12)).toBe('terminator');
    expect(gatherReason('123456', '', 6)).toBe('max_digits');
    expect(gatherReason('12', '', 6)).toBe('timeout');
    expect(gatherReason('', '', 6)).toBe('timeout');
  });
});

describe('addresses', () => {
  const client = (username: string) => `client:${username}`;

  it('dials agents as Voice SDK clients and phone numbers as they are', () => {
    expect(twilioAddress('agent:agent1', client)).toBe('client:agent1');
    expect(twilioAddress('agent:a1', (u) => `sip:${u}@pbx.example.gov.in`)).toBe('sip:a1@pbx.example.gov.in');
    expect(twilioAddress('+919876543210', client)).toBe('+919876543210');
  });

  it('refuses what is neither', () => {
    expect(twilioAddress('9876543210', client)).toBeNull();
    expect(twilioAddress('agent:', client)).toBeNull();
    expect(twilioAddress('client:agent1', client)).toBeNull();
  });

  it('reads a softphone caller back as an agent', () => {
    expect(samvadAddress('client:agent7')).toBe('agent:agent7');
    expect(samvadAddress('+919876543210')).toBe('+919876543210');
  });
});
