import type { TNodeOf } from '../../flow/schema.js';
import { holds } from '../conditions.js';
import { trace } from '../run.js';
import type { TNodeHandler } from './handler.js';

/** The first case that holds picks the next node; `otherwise` when none does. */
export const branchNode: TNodeHandler<TNodeOf<'branch'>> = {
  enter(run, node) {
    const ctx = { variables: run.s.variables, calendars: run.flow.calendars, at: String(run.s.variables.callStartedAt ?? '') };
    const index = node.cases.findIndex((c) => holds(c.when, ctx));
    trace(run, { case: index });
    return index >= 0 ? (node.cases[index]?.next ?? node.otherwise) : node.otherwise;
  },
  resume: () => null,
};
