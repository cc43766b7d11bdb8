import type { TAgentState } from './model.js';

/** the states an agent (or a supervisor for them) may choose */
export type TChosenState = Extract<TAgentState, 'ready' | 'not_ready' | 'offline'>;

/**
 * Which chosen changes each state allows. `reserved` and `on_call` change only through the
 * call (an offer is accepted, missed or withdrawn; a call ends), never by choice; leaving
 * `wrap_up` may further need a disposition, which the runtime checks.
 */
const CHOOSABLE_FROM: Record<TAgentState, readonly TChosenState[]> = {
  offline: ['ready', 'not_ready', 'offline'],
  ready: ['ready', 'not_ready', 'offline'],
  not_ready: ['ready', 'not_ready', 'offline'],
  wrap_up: ['ready', 'not_ready', 'offline'],
  reserved: [],
  on_call: [],
};

export function canChoose(from: TAgentState, to: TChosenState): boolean {
  return CHOOSABLE_FROM[from].includes(to);
}

/** states in which an agent is signed in to take calls (counted as staffing a queue) */
export function isStaffing(state: TAgentState): boolean {
  return state !== 'offline';
}
