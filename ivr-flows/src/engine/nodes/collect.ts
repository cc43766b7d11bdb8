import type { TNodeOf } from '../../flow/schema.js';
import { ask, render, setVar, trace, type TRun } from '../run.js';
import { isValidInput } from '../validators.js';
import type { TNodeHandler } from './handler.js';
import { retry } from './retry.js';

function question(run: TRun, node: TNodeOf<'collect'>): null {
  ask(run, { prompt: render(run, node.prompt), minDigits: node.minDigits, maxDigits: node.maxDigits, timeoutMs: node.timeoutMs, terminator: node.terminator });
  return null;
}

/**
 * Digits into a variable. What was keyed before a pause counts (callers often forget the `#`);
 * too few digits or a failed validator is a wrong answer.
 */
export const collectNode: TNodeHandler<TNodeOf<'collect'>> = {
  enter: question,
  resume(run, node, event) {
    if (event.type === 'media.finished') return question(run, node);
    if (event.type !== 'digits') return null;
    const digits = event.digits;
    const valid = digits.length >= node.minDigits && isValidInput(node.validator, digits);
    trace(run, { digits, valid, reason: event.reason });
    if (digits !== '' && valid) {
      setVar(run, node.assign, digits);
      return node.next;
    }
    const outcome = retry(run, node, digits === '' ? 'timeout' : 'invalid');
    if (outcome === 'exhausted') return node.fallback;
    return outcome === 'again' ? question(run, node) : null;
  },
};
