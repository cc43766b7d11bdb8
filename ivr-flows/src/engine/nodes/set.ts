import type { TNodeOf } from '../../flow/schema.js';
import { setVar } from '../run.js';
import type { TNodeHandler } from './handler.js';
import { renderArgs } from './lookup.js';

/** Assigns variables; string values are templates. */
export const setNode: TNodeHandler<TNodeOf<'set'>> = {
  enter(run, node) {
    for (const [name, value] of Object.entries(renderArgs(run, node.values))) setVar(run, name, value);
    return node.next;
  },
  resume: () => null,
};
