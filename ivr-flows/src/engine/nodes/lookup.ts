import type { TNodeOf } from '../../flow/schema.js';
import { readVar } from '../conditions.js';
import type { TVarValue } from '../contract.js';
import { FlowRuntimeError, lookup, renderText, setVar, trace, type TRun } from '../run.js';
import type { TNodeHandler } from './handler.js';

/** `{{name}}` or `{{a.b}}` alone: the variable itself, keeping its type (a number stays a number, a missing one is null) */
const SINGLE_VARIABLE = /^\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}$/;

function scalar(value: TVarValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/** string arguments are templates (a lone variable keeps its type); numbers, booleans and null pass as they are */
export function renderArgs(run: TRun, args: Record<string, string | number | boolean | null>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(args).map(([key, value]) => {
      if (typeof value !== 'string') return [key, value];
      const single = SINGLE_VARIABLE.exec(value);
      return [key, single?.[1] ? scalar(readVar(run.s.variables, single[1])) : renderText(run, value)];
    }),
  );
}

/** Asks the server; the answer goes into `assign`. Empty answers and failures have their own ways on. */
export const lookupNode: TNodeHandler<TNodeOf<'lookup'>> = {
  enter(run, node) {
    lookup(run, node.name, renderArgs(run, node.args));
    return null;
  },
  resume(run, node, event) {
    if (event.type !== 'lookup.result') return null;
    if (!event.ok) {
      trace(run, { lookup: node.name, ok: false, error: event.error });
      if (node.onError) return node.onError;
      throw new FlowRuntimeError(`node "${run.s.nodeId ?? ''}": lookup ${node.name} failed: ${event.error}`);
    }
    const empty = event.value === null || (Array.isArray(event.value) && event.value.length === 0);
    trace(run, { lookup: node.name, ok: true, found: !empty });
    if (node.assign) setVar(run, node.assign, event.value);
    return empty && node.onNotFound ? node.onNotFound : node.next;
  },
};
