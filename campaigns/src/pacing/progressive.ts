export interface TProgressiveInput {
  readyAgents: number;
  callsRinging: number;
  /** answered calls not yet with an agent: each will take a ready agent */
  callsWaiting: number;
}

export interface TProgressiveDecision {
  dialNow: number;
  linesPerAgent: 1;
}

/** One line per ready agent: never more calls in flight than agents waiting for them, so nothing is abandoned. */
export function progressive(input: TProgressiveInput): TProgressiveDecision {
  return { dialNow: Math.max(0, input.readyAgents - input.callsRinging - input.callsWaiting), linesPerAgent: 1 };
}
