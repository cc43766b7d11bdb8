import type { TNodeOf } from '../../flow/schema.js';
import { ask, hangUp, lookup, park, render, renderText, say, trace, type TRun } from '../run.js';
import type { TNodeHandler } from './handler.js';

/** declined, silent, or the request failed: the flow goes on, or the caller keeps waiting in the queue */
function goOn(run: TRun, node: TNodeOf<'callback'>): string | null {
  if (node.next) return node.next;
  park(run);
  return null;
}

/**
 * Offers a call-back that keeps the caller's place. Accepted: the request is made, confirmed,
 * and the call ends. A request that fails is never confirmed: the caller hears `failedPrompt`
 * (when there is one) and the call goes on as after a decline.
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
        if (!accepted) return goOn(run, node);
        lookup(run, 'requestCallback', { queue: renderText(run, node.queue) });
        return null;
      }
      case 'lookup.result':
        if (!event.ok) {
          trace(run, { lookup: 'requestCallback', ok: false, error: event.error });
          if (!node.failedPrompt) return goOn(run, node);
          say(run, render(run, node.failedPrompt), 'failed');
          return null;
        }
        trace(run, { lookup: 'requestCallback', ok: true });
        run.s.variables.callback = event.value;
        say(run, render(run, node.confirm), 'confirm');
        return null;
      case 'media.finished':
        if (run.s.local.phase === 'failed') return goOn(run, node);
        hangUp(run, 'flow_end');
        return null;
      default:
        return null;
    }
  },
};
