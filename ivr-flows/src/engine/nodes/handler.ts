import type { TIvrEvent } from '../contract.js';
import type { TRun } from '../run.js';

/**
 * One node type. `enter` runs when the call reaches the node; `resume` when the event the node
 * waits for arrives. Both return the next node to enter, or null when the node waits (or the
 * flow has ended).
 */
export interface TNodeHandler<N> {
  enter(run: TRun, node: N): string | null;
  resume(run: TRun, node: N, event: TIvrEvent): string | null;
}
