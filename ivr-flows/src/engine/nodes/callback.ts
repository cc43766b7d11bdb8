import type { TNodeOf } from '../../flow/schema.js';
import { ask, hangUp, lookup, park, render, renderText, say, trace } from '../run.js';
import type { TNodeHandler } from './handler.js';

/**
 * Offers a call-back that keeps the caller's place. Accepted: the request is made, confirmed,
 * and the call ends; declined or silent: the flow goes on (or the caller keeps waiting).
 */
export const callbackNode: TNodeHandler<TNodeOf<'callback'>> = {
  enter(run, node) {
    ask(run, { prompt: render(run, node.prompt), minDigits: 1, maxDigits: 1, timeoutMs: node.timeoutMs, terminator: null });
    return null;
  },
  resume(run, node, event) {
    switch (event.type) {
      case 'digits': {
        const accepted = event.digits.slice(0, 1) === node.key;
        trace(run, { digits: event.digits, accepted });
        if (accepted) {
          lookup(run, 'requestCallback', { queue: renderText(run, node.queue) });
          return null;
        }
        if (node.next) return node.next;
        park(run);
        return null;
      }
      case 'lookup.result':
        trace(run, { lookup: 'requestCallback', ok: event.ok });
        if (event.ok) run.s.variables.callback = event.value;
        if (!event.ok && run.flow.onError) return run.flow.onError;
        say(run, render(run, node.confirm), 'confirm');
        return null;
      case 'media.finished':
        hangUp(run, 'flow_end');
        return null;
      default:
        return null;
    }
  },
};
