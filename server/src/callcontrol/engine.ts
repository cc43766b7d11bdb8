import type { TIvrEvent, TIvrSession, TStepResult } from './engine-contract.js';

export type TStartedEvent = Extract<TIvrEvent, { type: 'started' }>;

/**
 * The interpreter as call control uses it: pure functions over a flow of the engine's own
 * type, so call control never looks inside a flow and tests can drive it with a scripted one.
 */
export interface TIvrEngine<F> {
  start(flow: F, event: TStartedEvent): TStepResult;
  step(flow: F, session: TIvrSession, event: TIvrEvent): TStepResult;
}

/** Flows by id, as the flow registry serves them (the current good version of each). */
export interface TFlowSource<F> {
  get(flowId: string): F | undefined;
}
