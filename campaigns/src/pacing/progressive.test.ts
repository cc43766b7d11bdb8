import { describe, expect, it } from 'vitest';
import { progressive } from './progressive.js';

describe('progressive', () => {
  it('places one call per ready agent not already covered by a call in flight', () => {
    expect(progressive({ readyAgents: 5, callsRinging: 2, callsWaiting: 0 })).toEqual({ dialNow: 3, linesPerAgent: 1 });
    expect(progressive({ readyAgents: 2, callsRinging: 1, callsWaiting: 1 }).dialNow).toBe(0);
    expect(progressive({ readyAgents: 1, callsRinging: 4, callsWaiting: 0 }).dialNow).toBe(0);
  });
});
