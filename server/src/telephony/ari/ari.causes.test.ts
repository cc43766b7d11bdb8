import { describe, expect, it } from 'vitest';
import { amdVerdict, failureReason, hangupCause, q850OrNull } from './ari.causes.js';

const end = { q850: 0, dialStatus: null, rang: false, elapsedMs: 100, timeoutSec: 30 };

describe('why an unanswered outbound leg failed', () => {
  it('takes a specific Q.850 cause first', () => {
    expect(failureReason({ ...end, q850: 17 })).toBe('busy');
    expect(failureReason({ ...end, q850: 19, dialStatus: 'BUSY' })).toBe('no_answer');
    expect(failureReason({ ...end, q850: 21 })).toBe('rejected');
    expect(failureReason({ ...end, q850: 1 })).toBe('rejected');
    expect(failureReason({ ...end, q850: 34 })).toBe('congestion');
    expect(failureReason({ ...end, q850: 41 })).toBe('congestion');
  });

  it('falls back on the Dial status when the cause says nothing', () => {
    expect(failureReason({ ...end, q850: 16, dialStatus: 'BUSY' })).toBe('busy');
    expect(failureReason({ ...end, q850: 0, dialStatus: 'NOANSWER' })).toBe('no_answer');
    expect(failureReason({ ...end, q850: 0, dialStatus: 'CHANUNAVAIL' })).toBe('congestion');
  });

  it('reads an originate timeout (cause 0, no status) as no answer once the phone rang or the time ran out', () => {
    expect(failureReason({ ...end, q850: 0, rang: true })).toBe('no_answer');
    expect(failureReason({ ...end, q850: 0, elapsedMs: 29_800 })).toBe('no_answer');
    expect(failureReason({ ...end, q850: 0 })).toBe('congestion');
    expect(failureReason({ ...end, q850: 16, dialStatus: 'RINGING', rang: true })).toBe('no_answer');
  });
});

describe('hangup causes and AMD verdicts', () => {
  it('keeps Q.850, with 0 meaning none', () => {
    expect(q850OrNull(0)).toBeNull();
    expect(q850OrNull(undefined)).toBeNull();
    expect(q850OrNull(16)).toBe(16);
    expect(hangupCause(16)).toBe('normal');
    expect(hangupCause(17)).toBe('busy');
    expect(hangupCause(null)).toBe('unknown');
  });

  it('reads the [outbound-amd] arguments', () => {
    expect(amdVerdict(['outbound', 'HUMAN', 'HUMAN-800-800'])).toBe('human');
    expect(amdVerdict(['outbound', 'MACHINE', 'LONGGREETING-1500-1500'])).toBe('machine');
    expect(amdVerdict(['outbound', 'NOTSURE', 'TOOLONG-5000'])).toBe('unknown');
    expect(amdVerdict(['originated'])).toBeNull();
    expect(amdVerdict(['inbound', '18002334455'])).toBeNull();
  });
});
