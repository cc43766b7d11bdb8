import type { TNodeOf } from '../../flow/schema.js';
import { end, hangUp, render, renderText, say, type TRun } from '../run.js';
import type { TNodeHandler } from './handler.js';

function transferNow(run: TRun, node: TNodeOf<'transfer'>): null {
  run.out.push({ type: 'transfer', to: renderText(run, node.to) });
  end(run);
  return null;
}

/** Says the goodbye if there is one, then ends the call. */
export const hangupNode: TNodeHandler<TNodeOf<'hangup'>> = {
  enter(run, node) {
    if (!node.prompt) {
      hangUp(run, 'flow_end');
      return null;
    }
    say(run, render(run, node.prompt), 'goodbye');
    return null;
  },
  resume(run, _node, event) {
    if (event.type === 'media.finished') hangUp(run, 'flow_end');
    return null;
  },
};

/** Says where the call goes, then sends it there; the flow ends. */
export const transferNode: TNodeHandler<TNodeOf<'transfer'>> = {
  enter(run, node) {
    if (!node.prompt) return transferNow(run, node);
    say(run, render(run, node.prompt), 'announce');
    return null;
  },
  resume(run, node, event) {
    return event.type === 'media.finished' ? transferNow(run, node) : null;
  },
};
