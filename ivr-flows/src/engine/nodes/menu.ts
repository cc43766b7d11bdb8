import type { TNodeOf } from '../../flow/schema.js';
import { ask, render, trace, type TRun } from '../run.js';
import type { TNodeHandler } from './handler.js';
import { retry } from './retry.js';

function question(run: TRun, node: TNodeOf<'menu'>): null {
  ask(run, { prompt: render(run, node.prompt), minDigits: 1, maxDigits: 1, timeoutMs: node.timeoutMs, terminator: null });
  return null;
}

/** One key picks the next node; a wrong key or silence asks again, then goes to the fallback. */
export const menuNode: TNodeHandler<TNodeOf<'menu'>> = {
  enter: question,
  resume(run, node, event) {
    if (event.type === 'media.finished') return question(run, node);
    if (event.type !== 'digits') return null;
    const key = event.digits.slice(0, 1);
    const chosen = key === '' ? undefined : node.choices[key];
    trace(run, { digits: event.digits, chosen: chosen ?? null });
    if (chosen) return chosen;
    const outcome = retry(run, node, key === '' ? 'timeout' : 'invalid');
    if (outcome === 'exhausted') return node.fallback;
    return outcome === 'again' ? question(run, node) : null;
  },
};
